// Evaluation conditions: rotate first, then add the shared noise field (docs/qplr.md §7.4),
// clipping, and paired noise across σ.
#include <doctest/doctest.h>

#include <cmath>

#include "attacks/rotation.hpp"
#include "experiments/qplr/evaluation.hpp"

using namespace qmlr;

namespace {

qplr::EvaluationSet small_set() {
    Tensor images(Shape{3, 1, 28, 28});
    for (std::size_t i = 0; i < images.size(); ++i) images[i] = static_cast<float>((i * 7) % 31) / 31.0f;
    const double rotations[] = {0.0, 20.0};
    return qplr::make_evaluation_set(images, {1, 2, 3}, rotations, 5);
}

double max_difference(const Tensor& a, const Tensor& b) {
    double worst = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) worst = std::max(worst, static_cast<double>(std::abs(a[i] - b[i])));
    return worst;
}

}  // namespace

TEST_CASE("corrupt: rotation comes first, then the noise (not the other way round)") {
    const qplr::EvaluationSet set = small_set();
    const Tensor corrupted = qplr::corrupt(set, {0.3, 20.0, false}, 0.3);
    Tensor rotate_then_noise = attacks::rotate(set.images, 20.0);
    Tensor noise_then_rotate = set.images;
    for (std::size_t i = 0; i < set.images.size(); ++i) {
        rotate_then_noise[i] += 0.3f * set.noise[i];
        noise_then_rotate[i] += 0.3f * set.noise[i];
    }
    noise_then_rotate = attacks::rotate(noise_then_rotate, 20.0);
    CHECK(max_difference(corrupted, rotate_then_noise) < 1e-6);
    CHECK(max_difference(corrupted, noise_then_rotate) > 0.1);
}

TEST_CASE("corrupt: one noise field for every σ (paired), clipping keeps [0,1], σ = 0 is the clean set") {
    const qplr::EvaluationSet set = small_set();
    const Tensor a = qplr::corrupt(set, {0.1, 0.0, false}, 0.1);
    const Tensor b = qplr::corrupt(set, {0.2, 0.0, false}, 0.2);
    double worst = 0.0;
    bool outside = false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        worst = std::max(worst, static_cast<double>(std::abs((b[i] - set.images[i]) - 2.0f * (a[i] - set.images[i]))));
        outside = outside || b[i] < 0.0f || b[i] > 1.0f;
    }
    CHECK(worst < 1e-5);
    CHECK(outside);  // unclipped noise leaves the pixel range
    const Tensor clipped = qplr::corrupt(set, {0.2, 0.0, true}, 0.2);
    for (float v : clipped) CHECK((v >= 0.0f && v <= 1.0f));
    CHECK(max_difference(qplr::corrupt(set, {0.0, 0.0, false}, 0.0), set.images) == 0.0);
    CHECK_THROWS(qplr::corrupt(set, {0.1, 30.0, false}, 0.1));  // no 30° copy was prepared
}
