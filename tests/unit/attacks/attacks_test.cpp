// FGSM and PGD: the defining formulas, ε-ball and [0,1] constraints, loss increase, targeted
// success, evaluation mode, batch-size and thread-count independence.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "attacks/fgsm.hpp"
#include "attacks/pgd.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "metrics/accuracy.hpp"
#include "nn/activations.hpp"
#include "nn/conv2d.hpp"
#include "nn/cross_entropy.hpp"
#include "nn/dropout.hpp"
#include "nn/inference.hpp"
#include "nn/linear.hpp"
#include "nn/pooling.hpp"
#include "nn/reshaping.hpp"
#include "nn/gradient_check.hpp"  // tests/unit/nn: shared test inputs

using qmlr::Shape;
using qmlr::Tensor;
using namespace qmlr;

namespace {

nn::Model smooth_cnn() {
    nn::Model model;
    model.add<nn::Conv2d>(1, 4, 3);
    model.add<nn::Tanh>();
    model.add<nn::AvgPool2d>(2);
    model.add<nn::Flatten>();
    model.add<nn::Linear>(4 * 4 * 4, 16);
    model.add<nn::Tanh>();
    model.add<nn::Linear>(16, 5);
    model.initialize(3, {nn::Init::xavier_normal, nn::Init::zeros});
    return model;
}

std::vector<int> cyclic_labels(std::size_t n, int classes) {
    std::vector<int> labels(n);
    for (std::size_t i = 0; i < n; ++i) labels[i] = static_cast<int>(i % static_cast<std::size_t>(classes));
    return labels;
}

double max_distance(const Tensor& a, const Tensor& b) {
    double d = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) d = std::max(d, std::abs(static_cast<double>(a[i]) - b[i]));
    return d;
}

}  // namespace

TEST_CASE("FGSM: x + eps*sign(grad) clipped to [0,1], raising the loss of every changed sample") {
    nn::Model model = smooth_cnn();
    const Tensor x = test::uniform_images(Shape{40, 1, 10, 10}, 1);
    const auto labels = cyclic_labels(40, 5);
    const float eps = 0.03f;
    const Tensor adv = attacks::fgsm(model, x, labels, {.epsilon = eps});

    // Reference: the formula written out with the model's own input gradient.
    Tensor grad_logits;
    nn::cross_entropy(model.forward(x), labels, &grad_logits);
    const Tensor dx = model.backward(grad_logits, nn::Gradients::input);
    std::size_t moved = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const float sign = dx[i] > 0 ? 1.0f : (dx[i] < 0 ? -1.0f : 0.0f);
        REQUIRE(adv[i] == std::clamp(x[i] + eps * sign, 0.0f, 1.0f));
        moved += adv[i] != x[i];
    }
    CHECK(moved > x.size() / 2);

    const auto before = nn::cross_entropy_per_sample(model.forward(x), labels);
    const auto after = nn::cross_entropy_per_sample(model.forward(adv), labels);
    std::size_t changed = 0;
    for (std::int64_t n = 0; n < 40; ++n) {
        if (std::equal(x.sample(n), x.sample(n) + 100, adv.sample(n))) continue;
        ++changed;
        INFO("sample " << n);
        CHECK(after[static_cast<std::size_t>(n)] > before[static_cast<std::size_t>(n)]);
    }
    CHECK(changed == 40);
}

TEST_CASE("FGSM: targeted lowers the target loss; results do not depend on the batch size") {
    nn::Model model = smooth_cnn();
    const Tensor x = test::uniform_images(Shape{30, 1, 10, 10}, 2);
    const auto targets = cyclic_labels(30, 5);
    const Tensor adv = attacks::fgsm(model, x, targets, {.epsilon = 0.02, .goal = attacks::Goal::targeted});
    const auto before = nn::cross_entropy_per_sample(model.forward(x), targets);
    const auto after = nn::cross_entropy_per_sample(model.forward(adv), targets);
    for (std::size_t n = 0; n < 30; ++n) CHECK(after[n] < before[n]);
    const Tensor small_batches = attacks::fgsm(
        model, x, targets, {.epsilon = 0.02, .goal = attacks::Goal::targeted, .batch_size = 7});
    CHECK(std::equal(adv.begin(), adv.end(), small_batches.begin()));
    CHECK_THROWS_AS(attacks::fgsm(model, x, cyclic_labels(29, 5), {}), qmlr::Error);
}

TEST_CASE("PGD: stays within eps of x and inside [0,1]; stronger than FGSM") {
    nn::Model model = smooth_cnn();
    const Tensor x = test::uniform_images(Shape{24, 1, 10, 10}, 4);
    const auto labels = cyclic_labels(24, 5);
    const double eps = 0.05;
    const Tensor adv = attacks::pgd(model, x, labels,
                                    {.epsilon = eps, .step_size = eps / 4, .steps = 10, .restarts = 2, .seed = 5});
    CHECK(max_distance(adv, x) <= eps + 1e-6);
    CHECK(max_distance(adv, x) > eps * 0.99);
    for (float v : adv) REQUIRE((v >= 0.0f && v <= 1.0f));
    const Tensor one_step = attacks::fgsm(model, x, labels, {.epsilon = eps});
    auto mean_loss = [&](const Tensor& images) {
        const auto losses = nn::cross_entropy_per_sample(model.forward(images), labels);
        double sum = 0.0;
        for (double l : losses) sum += l;
        return sum / static_cast<double>(losses.size());
    };
    CHECK(mean_loss(adv) > mean_loss(one_step));
    CHECK(mean_loss(one_step) > mean_loss(x));

    // No steps: the random start alone, inside the ball; no start either: x itself.
    const Tensor start = attacks::pgd(model, x, labels, {.epsilon = eps, .steps = 0, .seed = 5});
    CHECK(max_distance(start, x) <= eps + 1e-6);
    CHECK(max_distance(start, x) > 0.0);
    const Tensor same = attacks::pgd(model, x, labels, {.epsilon = eps, .steps = 0, .random_start = false});
    CHECK(std::equal(same.begin(), same.end(), x.begin()));
}

TEST_CASE("PGD: targeted reaches the target on an easy linear model") {
    // Class k sums pixels 5k..5k+4: raising one group by eps = 0.5 and lowering the others
    // moves the logit gaps by about 5, more than any clean gap.
    nn::Model model;
    model.add<nn::Flatten>();
    auto& fc = model.add<nn::Linear>(16, 3);
    model.initialize(1, {nn::Init::zeros, nn::Init::zeros});
    for (std::size_t k = 0; k < 3; ++k)
        for (std::size_t i = 5 * k; i < 5 * k + 5; ++i) fc.weight().value[k * 16 + i] = 1.0f;
    const Tensor x = test::uniform_images(Shape{30, 1, 4, 4}, 6);
    const auto clean = metrics::predictions(model.forward(x));
    std::vector<int> targets(30);
    for (std::size_t i = 0; i < 30; ++i) targets[i] = (clean[i] + 1) % 3;
    const Tensor adv = attacks::pgd(model, x, targets,
                                    {.epsilon = 0.5, .step_size = 0.05, .steps = 40,
                                     .goal = attacks::Goal::targeted, .seed = 2});
    CHECK(metrics::predictions(model.forward(adv)) == targets);
    CHECK(max_distance(adv, x) <= 0.5 + 1e-6);
}

TEST_CASE("PGD: identical on 1 and 2 threads; the model is attacked in eval mode") {
    nn::Model model = smooth_cnn();
    model.add<nn::Dropout>(0.5, 1);
    model.initialize(3, {nn::Init::xavier_normal, nn::Init::zeros});
    const Tensor x = test::uniform_images(Shape{33, 1, 10, 10}, 7);
    const auto labels = cyclic_labels(33, 5);
    const attacks::PgdOptions options{.epsilon = 0.1, .step_size = 0.02, .steps = 5, .seed = 9};
    const int saved = thread_count();
    set_thread_count(1);
    const Tensor one = attacks::pgd(model, x, labels, options);
    set_thread_count(2);
    const Tensor two = attacks::pgd(model, x, labels, options);
    set_thread_count(saved);
    CHECK(std::equal(one.begin(), one.end(), two.begin()));
    CHECK(model.training());
    // In training mode the dropout layer would change the logits from call to call; the attack
    // ran in eval mode, so a repeat gives the same bits.
    const Tensor repeat = attacks::pgd(model, x, labels, options);
    CHECK(std::equal(one.begin(), one.end(), repeat.begin()));
}
