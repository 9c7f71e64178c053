// Cross-entropy with hard labels, soft targets and both label-smoothing conventions: values
// computed by hand, gradients against finite differences, stability at extreme logits.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "core/error.hpp"
#include "gradient_check.hpp"
#include "nn/cross_entropy.hpp"
#include "nn/soft_cross_entropy.hpp"
#include "nn/softmax.hpp"

using qmlr::Shape;
using qmlr::Tensor;
using namespace qmlr::nn;

namespace {

Tensor logits_of(std::initializer_list<float> values, std::int64_t rows) {
    Tensor t(Shape{rows, static_cast<std::int64_t>(values.size()) / rows});
    std::copy(values.begin(), values.end(), t.begin());
    return t;
}

}  // namespace

TEST_CASE("cross_entropy: hand-computed values, mean and sum") {
    // Row 0: logits (0, ln 3) -> p = (1/4, 3/4); label 1 -> −ln(3/4).
    // Row 1: logits (2, 2)    -> p = (1/2, 1/2); label 0 -> ln 2.
    const Tensor logits = logits_of({0.0f, std::log(3.0f), 2.0f, 2.0f}, 2);
    const std::vector<int> labels = {1, 0};
    const double expected = (-std::log(0.75) + std::log(2.0)) / 2.0;
    Tensor grad;
    CHECK(cross_entropy(logits, labels, &grad) == doctest::Approx(expected).epsilon(1e-6));
    CHECK(grad[0] == doctest::Approx(0.25 / 2));
    CHECK(grad[1] == doctest::Approx(-0.25 / 2));
    CHECK(grad[2] == doctest::Approx(-0.5 / 2));
    CHECK(cross_entropy(logits, labels, &grad, Reduction::sum) == doctest::Approx(2 * expected).epsilon(1e-6));
    CHECK(grad[0] == doctest::Approx(0.25));
    const auto per_sample = cross_entropy_per_sample(logits, labels);
    CHECK(per_sample[0] == doctest::Approx(-std::log(0.75)));
    CHECK(per_sample[1] == doctest::Approx(std::log(2.0)));
}

TEST_CASE("cross_entropy: stable at extreme logits") {
    const Tensor logits = logits_of({1000.0f, -1000.0f, 0.0f, -1000.0f, 1000.0f, 0.0f}, 2);
    const std::vector<int> labels = {0, 0};
    Tensor grad;
    const double loss = cross_entropy(logits, labels, &grad, Reduction::sum);
    CHECK(std::isfinite(loss));
    CHECK(loss == doctest::Approx(2000.0));
    CHECK(grad[0] == doctest::Approx(0.0));
    CHECK(grad[3] == doctest::Approx(-1.0));
    CHECK(grad[4] == doctest::Approx(1.0));
    const Tensor p = softmax(logits);
    CHECK(p[0] == 1.0f);
    CHECK(p[1] == 0.0f);
}

TEST_CASE("cross_entropy: gradient equals finite differences; bad labels are errors") {
    const Tensor logits = qmlr::test::random_tensor(Shape{4, 5}, 3);
    const std::vector<int> labels = {0, 4, 2, 2};
    Tensor grad;
    cross_entropy(logits, labels, &grad);
    CHECK(qmlr::test::check_function_gradient(
              [&](const Tensor& z) { return cross_entropy(z, labels); }, logits, grad,
              {1e-2f, 1e-2, 1e-4, 100}) == 20);
    CHECK_THROWS_AS(cross_entropy(logits, std::vector<int>{0, 1, 2}), qmlr::Error);
    CHECK_THROWS_AS(cross_entropy(logits, std::vector<int>{0, 5, 2, 2}), qmlr::Error);
}

TEST_CASE("soft_cross_entropy: value, gradient, equals hard CE for one-hot targets") {
    const Tensor logits = qmlr::test::random_tensor(Shape{3, 4}, 5);
    Tensor targets(logits.shape());
    const float rows[] = {0.1f, 0.2f, 0.3f, 0.4f, 0, 0, 1, 0, 0.25f, 0.25f, 0.25f, 0.25f};
    std::copy(rows, rows + 12, targets.begin());
    Tensor grad;
    const double loss = soft_cross_entropy(logits, targets, &grad);
    double expected = 0.0;
    std::vector<double> log_p(4);
    for (std::int64_t n = 0; n < 3; ++n) {
        log_softmax_row(logits.sample(n), 4, log_p.data());
        for (std::size_t j = 0; j < 4; ++j) expected -= targets.sample(n)[j] * log_p[j];
    }
    CHECK(loss == doctest::Approx(expected / 3));
    CHECK(qmlr::test::check_function_gradient(
              [&](const Tensor& z) { return soft_cross_entropy(z, targets); }, logits, grad,
              {1e-2f, 1e-2, 1e-4, 100}) == 12);
    const Tensor row1 = [&] {
        Tensor t(Shape{1, 4});
        std::copy(logits.sample(1), logits.sample(1) + 4, t.begin());
        return t;
    }();
    Tensor one_hot(Shape{1, 4});
    one_hot[2] = 1.0f;
    CHECK(soft_cross_entropy(row1, one_hot) == doctest::Approx(cross_entropy(row1, std::vector<int>{2})));

    targets[0] = 0.5f;  // row 0 now sums to 1.4
    CHECK_THROWS_AS(soft_cross_entropy(logits, targets), qmlr::Error);
    targets[0] = -0.1f;
    CHECK_THROWS_AS(soft_cross_entropy(logits, targets), qmlr::Error);
}

TEST_CASE("label smoothing: QPLR (eps/(K-1)) and PyTorch (eps/K) conventions") {
    const std::vector<int> labels = {1};
    const Tensor exclusive = smoothed_targets(labels, 4, 0.3, LabelSmoothing::exclusive);
    CHECK(exclusive[1] == doctest::Approx(0.7));
    CHECK(exclusive[0] == doctest::Approx(0.1));
    CHECK(exclusive[3] == doctest::Approx(0.1));
    const Tensor uniform = smoothed_targets(labels, 4, 0.3, LabelSmoothing::uniform);
    CHECK(uniform[1] == doctest::Approx(0.775));
    CHECK(uniform[0] == doctest::Approx(0.075));
    // PyTorch: (1−ε)·CE + ε·mean_k(−log p_k).
    const Tensor logits = logits_of({0.5f, -1.0f, 2.0f, 0.0f}, 1);
    std::vector<double> log_p(4);
    log_softmax_row(logits.data(), 4, log_p.data());
    const double torch_value = 0.7 * -log_p[1] - 0.3 * (log_p[0] + log_p[1] + log_p[2] + log_p[3]) / 4;
    CHECK(label_smoothing_cross_entropy(logits, labels, 0.3, LabelSmoothing::uniform) ==
          doctest::Approx(torch_value));
    const double qplr_value = 0.7 * -log_p[1] - 0.1 * (log_p[0] + log_p[2] + log_p[3]);
    CHECK(label_smoothing_cross_entropy(logits, labels, 0.3, LabelSmoothing::exclusive) ==
          doctest::Approx(qplr_value));
    CHECK_THROWS_AS(smoothed_targets(labels, 4, 1.5, LabelSmoothing::uniform), qmlr::Error);
}
