#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/rng.hpp"
#include "experiments/quantum_patches/noise_matching.hpp"
#include "experiments/quantum_patches/mask_file.hpp"
#include "experiments/quantum_patches/patch_masks.hpp"
#include "support/temp_dir.hpp"

using namespace qmlr;
using namespace qmlr::quantum_patches;

namespace {

Tensor random_images(const Shape& shape, std::uint64_t seed) {
    Tensor t(shape);
    Rng rng(seed, "test-images");
    for (float& v : t) v = static_cast<float>(std::floor(rng.uniform() * 256.0) / 255.0);
    return t;
}

}  // namespace

TEST_CASE("grayscale weights (P6)") {
    const float red[3] = {1, 0, 0}, green[3] = {0, 1, 0}, blue[3] = {0, 0, 1}, white[3] = {1, 1, 1};
    double g = 0;
    grayscale(red, 3, 1, 1, &g);
    CHECK(std::abs(g - 0.299) <= 1e-12);
    grayscale(green, 3, 1, 1, &g);
    CHECK(std::abs(g - 0.587) <= 1e-12);
    grayscale(blue, 3, 1, 1, &g);
    CHECK(std::abs(g - 0.114) <= 1e-12);
    grayscale(white, 3, 1, 1, &g);
    CHECK(std::abs(g - 1.0) <= 1e-12);
}

TEST_CASE("min-max normalisation (P3)") {
    std::vector<double> map{0.3, -0.7, 0.1, 0.9};
    normalise_min_max(map.data(), map.size());
    const double range = 1.6;
    CHECK(map[1] == 0.0);
    CHECK(std::abs(map[3] - range / (range + 1e-8)) <= 1e-15);
    CHECK(std::abs(map[0] - 1.0 / (range + 1e-8)) <= 1e-15);
    std::vector<double> constant(5, 0.42);
    normalise_min_max(constant.data(), constant.size());
    CHECK(std::all_of(constant.begin(), constant.end(), [](double v) { return v == 0.0; }));
}

TEST_CASE("mask shapes, nearest upsampling and patched values (P4, P5)") {
    for (const Shape& shape : {Shape{3, 3, 32, 32}, Shape{3, 1, 28, 28}}) {
        const Tensor images = random_images(shape, 5);
        const PatchMasks masks = compute_patch_masks(images, PatchFilter());
        const int c = static_cast<int>(shape[1]), h = static_cast<int>(shape[2]), w = static_cast<int>(shape[3]);
        CHECK(masks.images == 3);
        CHECK(masks.height == h / 2);
        CHECK(masks.width == w / 2);
        CHECK(masks.values.size() == 3 * 4 * static_cast<std::size_t>(h / 2 * w / 2));
        std::vector<float> out(images.size() / 3);
        for (int map = 0; map < 4; ++map) {
            const float* m = masks.mask(1, map);
            CHECK(*std::min_element(m, m + masks.map_size()) == 0.0f);
            const float* x = images.sample(1);
            patched_copy(x, c, h, w, m, out.data());
            for (int ch = 0; ch < c; ++ch)
                for (int r = 0; r < h; ++r)
                    for (int s = 0; s < w; ++s) {
                        const std::size_t i = (static_cast<std::size_t>(ch) * h + r) * w + s;
                        REQUIRE(out[i] == x[i] * m[(r / 2) * (w / 2) + s / 2]);
                        REQUIRE(out[i] >= 0.0f);
                        REQUIRE(out[i] <= x[i]);
                    }
        }
    }
}

TEST_CASE("patch masks are identical for 1 and 2 threads, and masks.bin round-trips and rejects mismatches") {
    const Tensor images = random_images(Shape{130, 1, 28, 28}, 9);
    set_thread_count(1);
    const PatchMasks one = compute_patch_masks(images, PatchFilter());
    set_thread_count(2);
    const PatchMasks two = compute_patch_masks(images, PatchFilter());
    set_thread_count(0);
    CHECK(one.values == two.values);

    test::TempDir dir;
    const auto file = dir / "masks.bin";
    write_mask_file(file, one);
    CHECK(read_mask_file(file, 130, 14, 14).values == one.values);
    // Another image count or size is an Error naming the file.
    CHECK_THROWS_WITH_AS(read_mask_file(file, 129, 14, 14), doctest::Contains(file.string().c_str()), Error);
    CHECK_THROWS_WITH_AS(read_mask_file(file, 130, 16, 16), doctest::Contains("expected 130 images of 4x16x16"), Error);
    std::filesystem::resize_file(file, std::filesystem::file_size(file) - 4);
    CHECK_THROWS_WITH_AS(read_mask_file(file, 130, 14, 14), doctest::Contains("found"), Error);  // truncated
}

TEST_CASE("mask means: the mean of each map over images and positions") {
    PatchMasks masks;
    masks.images = 2;
    masks.height = 1;
    masks.width = 2;
    masks.values = {0.0f, 1.0f, 0.5f, 0.5f, 1.0f, 1.0f, 0.0f, 0.0f,   // image 0: maps 0..3
                    1.0f, 1.0f, 0.25f, 0.25f, 0.0f, 0.0f, 0.0f, 1.0f};  // image 1
    const auto means = mask_means(masks);
    CHECK(means[0] == 0.75);
    CHECK(means[1] == 0.375);
    CHECK(means[2] == 0.5);
    CHECK(means[3] == 0.25);
}

TEST_CASE("matched Gaussian noise: kappa_D and the measured distance (G1)") {
    CHECK(std::abs(expected_gaussian_norm(1) - std::sqrt(2.0 / std::numbers::pi)) <= 1e-12);
    CHECK(std::abs(expected_gaussian_norm(2) - std::sqrt(std::numbers::pi / 2.0)) <= 1e-12);
    CHECK(std::abs(expected_gaussian_norm(3072) - std::sqrt(3072 - 0.5)) <= 1e-3);
    const double sigma = 0.2;
    const double measured = measured_noise_distance(2000, 784, sigma, 1, 0);
    CHECK(std::abs(measured - sigma * expected_gaussian_norm(784)) / (sigma * expected_gaussian_norm(784)) <= 0.005);
    const Tensor images = random_images(Shape{4, 3, 8, 8}, 2);
    const PatchMasks masks = compute_patch_masks(images, PatchFilter());
    // By hand: the mean over images and maps of ‖x − x^(c)‖.
    double sum = 0;
    std::vector<float> out(192);
    for (std::size_t i = 0; i < 4; ++i)
        for (int c = 0; c < 4; ++c) {
            patched_copy(images.sample(static_cast<std::int64_t>(i)), 3, 8, 8, masks.mask(i, c), out.data());
            double squares = 0;
            for (std::size_t k = 0; k < 192; ++k) squares += std::pow(images.sample(static_cast<std::int64_t>(i))[k] - double(out[k]), 2);
            sum += std::sqrt(squares);
        }
    CHECK(std::abs(mean_patch_distance(images, masks) - sum / 16) <= 1e-12);
}
