// Accuracy, attack success, ECE / NLL / Brier on hand-computed examples, confusion matrix.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "core/error.hpp"
#include "metrics/accuracy.hpp"
#include "metrics/attack_success.hpp"
#include "metrics/calibration.hpp"
#include "metrics/confusion.hpp"

using qmlr::Shape;
using qmlr::Tensor;
using namespace qmlr::metrics;

namespace {

// Four 2-class samples with confidences 0.75, 0.75, 0.9 and 0.5 (a tie), all predicting 0.
Tensor example_logits() {
    Tensor t(Shape{4, 2});
    const float values[] = {std::log(3.0f), 0, std::log(3.0f), 0, std::log(9.0f), 0, 0, 0};
    std::copy(values, values + 8, t.begin());
    return t;
}
const std::vector<int> kExampleLabels = {0, 1, 0, 1};

}  // namespace

TEST_CASE("predictions and accuracy; ties go to the smallest index") {
    const Tensor logits = example_logits();
    CHECK(predictions(logits) == std::vector<int>{0, 0, 0, 0});
    CHECK(accuracy(logits, kExampleLabels) == 0.5);
    CHECK(accuracy(std::vector<int>{1, 2, 3}, std::vector<int>{1, 0, 3}) == doctest::Approx(2.0 / 3));
    CHECK_THROWS_AS(accuracy(std::vector<int>{1}, std::vector<int>{1, 2}), qmlr::Error);
}

TEST_CASE("attack success over originally-correct samples, and 1 - adversarial accuracy") {
    const std::vector<int> labels = {0, 1, 2, 3, 4};
    const std::vector<int> clean = {0, 1, 2, 0, 4};        // 4 correct
    const std::vector<int> adversarial = {1, 1, 0, 3, 4};  // flips 0 and 2; fixes 3 by chance
    const AttackSuccess s = attack_success(clean, adversarial, labels);
    CHECK(s.clean_correct == 4);
    CHECK(s.flipped == 2);
    CHECK(s.asr == 0.5);
    CHECK(s.adversarial_accuracy == doctest::Approx(0.6));
    CHECK(s.asr_all == doctest::Approx(0.4));
    CHECK(attack_success(std::vector<int>{1}, std::vector<int>{1}, std::vector<int>{0}).asr == 0.0);
}

TEST_CASE("ECE, NLL and Brier on a hand-computed example") {
    const Tensor logits = example_logits();
    // Bins (of 15): 0.75 -> 11 (2 samples, accuracy 1/2), 0.9 -> 13 (1, accuracy 1), 0.5 -> 7
    // (1, accuracy 0): ECE = 2/4·0.25 + 1/4·0.1 + 1/4·0.5 = 0.275.
    CHECK(expected_calibration_error(logits, kExampleLabels) == doctest::Approx(0.275).epsilon(1e-6));
    const auto bins = reliability_bins(logits, kExampleLabels);
    CHECK(bins.size() == 15);
    CHECK(bins[11].count == 2);
    CHECK(bins[11].confidence == doctest::Approx(0.75));
    CHECK(bins[13].accuracy == 1.0);
    CHECK(bins[7].count == 1);
    CHECK(bins[14].lower == doctest::Approx(14.0 / 15));
    const double nll = -(std::log(0.75) + std::log(0.25) + std::log(0.9) + std::log(0.5)) / 4;
    CHECK(negative_log_likelihood(logits, kExampleLabels) == doctest::Approx(nll).epsilon(1e-6));
    // Brier: 2·0.25², 2·0.75², 2·0.1², 2·0.5² -> (0.125 + 1.125 + 0.02 + 0.5) / 4.
    CHECK(brier_score(logits, kExampleLabels) == doctest::Approx(0.4425).epsilon(1e-6));
}

TEST_CASE("metrics of an empty set are errors, not NaN (0/0)") {
    const std::vector<int> none;
    CHECK_THROWS_WITH_AS(accuracy(std::span<const int>(none), std::span<const int>(none)),
                         doctest::Contains("(and at least one), got 0 and 0"), qmlr::Error);
    const Tensor no_logits(Shape{0, 3});
    CHECK_THROWS_WITH_AS(expected_calibration_error(no_logits, none),
                         doctest::Contains("(and at least one), got 0 and 0"), qmlr::Error);
    CHECK_THROWS_AS(negative_log_likelihood(no_logits, none), qmlr::Error);
}

TEST_CASE("ECE bin edges are (lo, hi]: confidence 1 is in the last bin, 1/2 in the lower half") {
    Tensor certain(Shape{1, 2});
    certain[0] = 100.0f;
    certain[1] = -100.0f;
    const auto top = reliability_bins(certain, std::vector<int>{0});
    CHECK(top[14].count == 1);
    CHECK(expected_calibration_error(certain, std::vector<int>{0}) == doctest::Approx(0.0));
    Tensor tie(Shape{1, 2});  // confidence exactly 1/2: with 2 bins, bin 0 = (0, 1/2]
    const auto halves = reliability_bins(tie, std::vector<int>{1}, 2);
    CHECK(halves[0].count == 1);
    CHECK(expected_calibration_error(tie, std::vector<int>{1}, 2) == doctest::Approx(0.5));
    CHECK_THROWS_AS(negative_log_likelihood(tie, std::vector<int>{2}), qmlr::Error);
}

TEST_CASE("confusion matrix: rows are true labels, columns predictions") {
    const ConfusionMatrix m = confusion_matrix(std::vector<int>{0, 1, 1, 2, 2, 2},
                                               std::vector<int>{0, 1, 2, 2, 2, 0}, 3);
    CHECK(m.at(0, 0) == 1);
    CHECK(m.at(0, 2) == 1);
    CHECK(m.at(2, 1) == 1);
    CHECK(m.at(2, 2) == 2);
    CHECK(m.recall(2) == doctest::Approx(2.0 / 3));
    CHECK_THROWS_AS(confusion_matrix(std::vector<int>{3}, std::vector<int>{0}, 3), qmlr::Error);
}
