#include "experiments/quantum_patches/noise_matching.hpp"

#include <cmath>
#include <vector>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "experiments/quantum_patches/training.hpp"

namespace qmlr::quantum_patches {

namespace {

constexpr std::size_t kImagesPerChunk = 256;

}  // namespace

double mean_patch_distance(const Tensor& images, const PatchMasks& masks) {
    const auto n = static_cast<std::size_t>(images.dim(0));
    require(masks.images == n, "mean_patch_distance: " + std::to_string(n) + " images but masks for " +
                                   std::to_string(masks.images));
    const int channels = static_cast<int>(images.dim(1)), height = static_cast<int>(images.dim(2)),
              width = static_cast<int>(images.dim(3));
    const std::size_t row = images.size() / n;
    const double total = parallel_reduce(
        n, kImagesPerChunk, 0.0,
        [&](std::size_t begin, std::size_t end) {
            std::vector<float> patched(row);
            double sum = 0;
            for (std::size_t i = begin; i < end; ++i) {
                const float* x = images.sample(static_cast<std::int64_t>(i));
                for (int c = 0; c < kPatchMaps; ++c) {
                    patched_copy(x, channels, height, width, masks.mask(i, c), patched.data());
                    double squares = 0;
                    for (std::size_t k = 0; k < row; ++k) {
                        const double d = static_cast<double>(x[k]) - patched[k];
                        squares += d * d;
                    }
                    sum += std::sqrt(squares);
                }
            }
            return sum;
        },
        [](double a, double b) { return a + b; });
    return total / (4.0 * static_cast<double>(n));
}

double expected_gaussian_norm(std::size_t dimension) {
    const double d = static_cast<double>(dimension);
    return std::sqrt(2.0) * std::exp(std::lgamma((d + 1.0) / 2.0) - std::lgamma(d / 2.0));
}

double measured_noise_distance(std::size_t images, std::size_t dimension, double sigma, std::uint64_t seed,
                               std::uint64_t epoch) {
    const double total = parallel_reduce(
        images, kImagesPerChunk, 0.0,
        [&](std::size_t begin, std::size_t end) {
            std::vector<float> noise(dimension);
            double sum = 0;
            for (std::size_t i = begin; i < end; ++i) {
                std::fill(noise.begin(), noise.end(), 0.0f);
                add_gaussian_augmentation(noise.data(), dimension, sigma, seed, i, epoch);
                double squares = 0;
                for (float v : noise) squares += static_cast<double>(v) * v;
                sum += std::sqrt(squares);
            }
            return sum;
        },
        [](double a, double b) { return a + b; });
    return total / static_cast<double>(images);
}

}  // namespace qmlr::quantum_patches
