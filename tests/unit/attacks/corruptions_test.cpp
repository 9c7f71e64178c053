// Gaussian noise, rotation and salt-and-pepper: statistics, exact cases, direction conventions
// and seeding.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "attacks/gaussian_noise.hpp"
#include "attacks/rotation.hpp"
#include "attacks/salt_and_pepper.hpp"
#include "core/error.hpp"
#include "nn/inference.hpp"

using qmlr::Shape;
using qmlr::Tensor;
using namespace qmlr::attacks;

TEST_CASE("gaussian_noise: N(0, sigma^2) per value, clipped on request, seeded per sample") {
    Tensor x(Shape{50, 1, 20, 20});
    x.fill(0.5f);
    const Tensor noisy = gaussian_noise(x, {.sigma = 0.3, .seed = 4});
    double sum = 0.0, squares = 0.0;
    bool outside = false;
    for (float v : noisy) {
        sum += v - 0.5;
        squares += (v - 0.5) * (v - 0.5);
        outside = outside || v < 0.0f || v > 1.0f;
    }
    const double n = static_cast<double>(noisy.size());
    CHECK(std::abs(sum / n) < 0.01);                         // sd of the mean 0.0015
    CHECK(std::sqrt(squares / n) == doctest::Approx(0.3).epsilon(0.02));
    CHECK(outside);  // unclipped by default

    const Tensor clipped = gaussian_noise(x, {.sigma = 0.3, .clip = true, .seed = 4});
    for (std::size_t i = 0; i < x.size(); ++i) CHECK(clipped[i] == std::clamp(noisy[i], 0.0f, 1.0f));

    // The second half corrupted on its own equals the second half of the whole.
    const Tensor tail = gaussian_noise(qmlr::nn::slice_batch(x, 25, 25), {.sigma = 0.3, .seed = 4, .first_index = 25});
    CHECK(std::equal(tail.begin(), tail.end(), noisy.sample(25)));
    const Tensor other = gaussian_noise(x, {.sigma = 0.3, .seed = 5});
    CHECK(!std::equal(other.begin(), other.end(), noisy.begin()));
    CHECK_THROWS_AS(gaussian_noise(x, {.sigma = -1.0}), qmlr::Error);
}

TEST_CASE("rotate: counter-clockwise about the centre, bilinear, zero fill") {
    // 3x3 plane with distinct values; 90 degrees on a square image maps pixel centres exactly.
    Tensor square(Shape{1, 1, 3, 3});
    for (int i = 0; i < 9; ++i) square[static_cast<std::size_t>(i)] = static_cast<float>(i + 1);
    const Tensor turned = rotate(square, 90.0);
    // Counter-clockwise: the right column becomes the top row.
    const float expected[] = {3, 6, 9, 2, 5, 8, 1, 4, 7};
    for (int i = 0; i < 9; ++i) CHECK(turned[static_cast<std::size_t>(i)] == doctest::Approx(expected[i]).epsilon(1e-5));
    const Tensor same = rotate(square, 0.0);
    CHECK(std::equal(same.begin(), same.end(), square.begin()));
    const Tensor back = rotate(rotate(square, 90.0), -90.0);
    for (std::size_t i = 0; i < 9; ++i) CHECK(back[i] == doctest::Approx(square[i]).epsilon(1e-5));

    // Zero fill: a 45-degree turn of a white image darkens the corners, keeps the centre.
    Tensor white(Shape{2, 1, 9, 9});
    white.fill(1.0f);
    const Tensor tilted = rotate(white, 45.0);
    CHECK(tilted[0] == 0.0f);
    CHECK(tilted[40] == doctest::Approx(1.0f));
    // Bilinear interpolation reproduces a linear ramp v = x exactly: after a 30-degree turn
    // the interior pixel (x, y) holds its source column cx + cos·dx − sin·dy.
    Tensor ramp(Shape{1, 1, 9, 9});
    for (std::size_t i = 0; i < 81; ++i) ramp[i] = static_cast<float>(i % 9);
    const Tensor ramp_turned = rotate(ramp, 30.0);
    const double c = std::cos(std::numbers::pi / 6), s = std::sin(std::numbers::pi / 6);
    for (int y = 2; y <= 6; ++y)
        for (int x = 2; x <= 6; ++x)
            CHECK(ramp_turned[static_cast<std::size_t>(y * 9 + x)] ==
                  doctest::Approx(4.0 + c * (x - 4) - s * (y - 4)).epsilon(1e-5));
    CHECK_THROWS_AS(rotate(Tensor(Shape{4, 784}), 20.0), qmlr::Error);
}

TEST_CASE("salt_and_pepper: about amount of the values become 0 or 1") {
    Tensor x(Shape{20, 1, 25, 25});
    x.fill(0.5f);
    const Tensor noisy = salt_and_pepper(x, {.amount = 0.1, .seed = 3});
    std::size_t salt = 0, pepper = 0;
    for (float v : noisy) {
        REQUIRE((v == 0.5f || v == 0.0f || v == 1.0f));
        salt += v == 1.0f;
        pepper += v == 0.0f;
    }
    CHECK(salt + pepper == doctest::Approx(1250).epsilon(0.1));  // 12500 values, sd 34
    CHECK(salt == doctest::Approx(625).epsilon(0.15));
    const Tensor only_salt = salt_and_pepper(x, {.amount = 0.2, .salt_share = 1.0, .seed = 3});
    for (float v : only_salt) REQUIRE(v != 0.0f);
    const Tensor none = salt_and_pepper(x, {.amount = 0.0});
    CHECK(std::equal(none.begin(), none.end(), x.begin()));
    CHECK_THROWS_AS(salt_and_pepper(x, {.amount = 1.5}), qmlr::Error);
}
