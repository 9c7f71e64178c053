// Student targets and loss: the soft-target cross-entropy gradient against finite differences,
// the paper's label-smoothing targets (check I9), input scalings, and the MC-dropout LeNet.
#include <doctest/doctest.h>

#include <cmath>

#include "core/rng.hpp"
#include "experiments/qplr/student.hpp"
#include "nn/lenet.hpp"
#include "nn/soft_cross_entropy.hpp"

using namespace qmlr;

TEST_CASE("soft-target cross-entropy: gradient to the logits equals central finite differences") {
    Rng rng(21, "qplr-student-test");
    Tensor logits(Shape{4, 10}), targets(Shape{4, 10});
    for (std::int64_t b = 0; b < 4; ++b) {
        double total = 0.0;
        for (int k = 0; k < 10; ++k) {
            // Multiples of 2^-10, so the ±h perturbations below are exact in float.
            logits.sample(b)[k] = static_cast<float>(std::round(rng.uniform(-3.0, 3.0) * 1024.0) / 1024.0);
            targets.sample(b)[k] = static_cast<float>(rng.uniform());
            total += targets.sample(b)[k];
        }
        for (int k = 0; k < 10; ++k) targets.sample(b)[k] = static_cast<float>(targets.sample(b)[k] / total);
    }
    Tensor grad;
    nn::soft_cross_entropy(logits, targets, &grad);
    const float h = 1.0f / 1024.0f;
    double worst = 0.0, norm = 0.0;
    for (std::size_t i = 0; i < logits.size(); ++i) {
        Tensor plus = logits, minus = logits;
        plus[i] += h;
        minus[i] -= h;
        const double fd = (nn::soft_cross_entropy(plus, targets) - nn::soft_cross_entropy(minus, targets)) / (2.0 * h);
        worst = std::max(worst, std::abs(fd - grad[i]));
        norm = std::max(norm, std::abs(fd));
    }
    CHECK(norm > 1e-3);
    CHECK(worst / norm < 1e-4);
}

TEST_CASE("M2 targets: 0.9 on the true class, 0.1/9 elsewhere, rows sum to 1; one-hot for ε = 0") {
    const std::vector<int> labels{3, 0, 9};
    const Tensor smoothed = qplr::smoothed_targets(labels, 0.1);
    const Tensor one_hot = qplr::one_hot_targets(labels);
    for (std::int64_t b = 0; b < 3; ++b) {
        double total = 0.0;
        for (int k = 0; k < 10; ++k) {
            const bool truth = k == labels[static_cast<std::size_t>(b)];
            CHECK(smoothed.sample(b)[k] == doctest::Approx(truth ? 0.9 : 0.1 / 9.0).epsilon(1e-6));
            CHECK(one_hot.sample(b)[k] == (truth ? 1.0f : 0.0f));
            total += smoothed.sample(b)[k];
        }
        CHECK(total == doctest::Approx(1.0).epsilon(1e-6));
    }
}

TEST_CASE("input scalings map pixels 0 and 1 to the expected values") {
    Tensor x(Shape{1, 2});
    x[0] = 0.0f;
    x[1] = 1.0f;
    Tensor raw = x, standard = x, symmetric = x;
    qplr::InputScaling::raw().apply(raw);
    qplr::InputScaling::mean_std(0.1307, 0.3081).apply(standard);
    qplr::InputScaling::symmetric().apply(symmetric);
    CHECK(raw[1] == 1.0f);
    CHECK(standard[0] == doctest::Approx(-0.1307 / 0.3081).epsilon(1e-6));
    CHECK(standard[1] == doctest::Approx(0.8693 / 0.3081).epsilon(1e-6));
    CHECK(symmetric[0] == -1.0f);
    CHECK(symmetric[1] == 1.0f);
}

TEST_CASE("MC-dropout LeNet: three dropout layers, active passes differ, evaluation mode matches plain LeNet shape") {
    nn::LeNetOptions options;
    options.fc_dropout = 0.5;
    options.dropout_seed = 9;
    nn::Model dropout_net = nn::make_lenet(options);
    CHECK(dropout_net.size() == nn::make_lenet().size() + 3);
    dropout_net.initialize(1);
    Tensor x(Shape{2, 1, 28, 28});
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(i % 29) / 29.0f;
    dropout_net.set_training(true);
    const Tensor first = dropout_net.forward(x);
    const Tensor second = dropout_net.forward(x);
    dropout_net.set_training(false);
    const Tensor eval_a = dropout_net.forward(x);
    const Tensor eval_b = dropout_net.forward(x);
    CHECK_FALSE(std::equal(first.begin(), first.end(), second.begin()));
    CHECK(std::equal(eval_a.begin(), eval_a.end(), eval_b.begin()));
}

TEST_CASE("train_student: an empty subset trains nothing; a training step changes the weights") {
    nn::Model a = qplr::make_student(3), b = qplr::make_student(3);
    Tensor x(Shape{8, 1, 28, 28});
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(i % 17) / 17.0f;
    const Tensor targets = qplr::one_hot_targets(std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7});
    qplr::StudentTraining training;
    training.epochs = 1;
    qplr::train_student(a, x, targets, {}, training);
    qplr::train_student(b, x, targets, qplr::all_indices(8), training);
    nn::Model fresh = qplr::make_student(3);
    const Tensor& before = fresh.parameters().front()->value;
    const Tensor& untouched = a.parameters().front()->value;
    const Tensor& trained = b.parameters().front()->value;
    CHECK(std::equal(before.begin(), before.end(), untouched.begin()));
    CHECK_FALSE(std::equal(before.begin(), before.end(), trained.begin()));
}
