// Shot histograms (check I8), soft labels from the post-net, and the M4 confident subset.
#include <doctest/doctest.h>

#include <cmath>

#include "core/rng.hpp"
#include "experiments/qplr/soft_labels.hpp"

using namespace qmlr;

TEST_CASE("shot_frequencies: 1000 shots sum to 1; the mean histogram is within 4 standard errors of p") {
    const std::vector<float> p{0.5f, 0.0f, 0.25f, 0.125f, 0.0f, 0.0625f, 0.0625f, 0.0f};
    std::vector<float> out(p.size());
    std::vector<double> mean(p.size(), 0.0);
    constexpr int kHistograms = 2000;
    for (int h = 0; h < kHistograms; ++h) {
        Rng rng(3, "shots-test", static_cast<std::uint64_t>(h));
        qplr::shot_frequencies(p, 1000, rng, out);
        double total = 0.0;
        for (std::size_t b = 0; b < p.size(); ++b) {
            total += out[b] * 1000.0;
            mean[b] += out[b] / kHistograms;
            if (p[b] == 0.0f) CHECK(out[b] == 0.0f);  // impossible outcomes are never drawn
        }
        CHECK(std::lround(total) == 1000);
    }
    for (std::size_t b = 0; b < p.size(); ++b) {
        const double se = std::sqrt(p[b] * (1.0 - p[b]) / (1000.0 * kHistograms));
        CHECK(std::abs(mean[b] - p[b]) <= 4.0 * se + 1e-12);
    }
}

TEST_CASE("shot_frequencies: a point mass gets every shot, even when p sums to slightly less than 1") {
    const std::vector<float> p{0.0f, 0.0f, 0.9999f, 0.0f};
    std::vector<float> out(p.size());
    Rng rng(1, "shots-test");
    qplr::shot_frequencies(p, 1000, rng, out);
    CHECK(out[2] == 1.0f);
}

TEST_CASE("confident_subset: max probability >= threshold, inclusive, indices ascending") {
    Tensor labels(Shape{4, 10});
    const float rows[4][2] = {{0.95f, 0.05f}, {0.5f, 0.5f}, {0.9f, 0.1f}, {0.1f, 0.89f}};
    for (std::int64_t i = 0; i < 4; ++i) {
        labels.sample(i)[3] = rows[i][0];
        labels.sample(i)[7] = rows[i][1];
    }
    CHECK(qplr::confident_subset(labels, 0.9) == std::vector<std::size_t>{0, 2});
    CHECK(qplr::confident_subset(labels, 0.5) == std::vector<std::size_t>{0, 1, 2, 3});
    CHECK(qplr::confident_subset(labels, 0.99).empty());
}

TEST_CASE("soft_labels: exact and shot labels are distributions; shots change them, exact ones do not vary") {
    qplr::TeacherNet teacher = qplr::make_teacher(2, 4);
    Tensor images(Shape{5, 1, 28, 28});
    for (std::size_t i = 0; i < images.size(); ++i) images[i] = static_cast<float>((i * 13) % 97) / 97.0f;
    const Tensor p = qplr::teacher_probabilities(teacher, images);
    const Tensor exact = qplr::soft_labels(teacher, p, {.shots = 0});
    const Tensor shot = qplr::soft_labels(teacher, p, {.shots = 1000, .seed = 2});
    const Tensor shot_again = qplr::soft_labels(teacher, p, {.shots = 1000, .seed = 2});
    REQUIRE(exact.shape() == Shape({5, 10}));
    double difference = 0.0;
    for (std::int64_t i = 0; i < 5; ++i) {
        double total = 0.0;
        for (int k = 0; k < 10; ++k) {
            total += shot.sample(i)[k];
            difference += std::abs(shot.sample(i)[k] - exact.sample(i)[k]);
        }
        CHECK(total == doctest::Approx(1.0).epsilon(1e-5));
    }
    CHECK(difference > 0.0);
    CHECK(std::equal(shot.begin(), shot.end(), shot_again.begin()));
}
