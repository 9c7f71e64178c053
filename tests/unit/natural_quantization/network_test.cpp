// The network-level parts of the natural-quantization model: the straight-through gradient
// (T3), the vote (T4), the projective fast path, continuity in a (E3), thread independence (E4)
// and the random-stream addressing (docs/natural_quantization.md §8.2–8.4, §9.2–9.3).
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <numeric>

#include "core/parallel.hpp"
#include "core/rng.hpp"
#include "experiments/natural_quantization/binary_activations.hpp"
#include "experiments/natural_quantization/training.hpp"
#include "experiments/natural_quantization/vote_evaluation.hpp"
#include "nn/linear.hpp"

using namespace qmlr;
using namespace qmlr::natural_quantization;

namespace {

Tensor uniform_rows(int rows, int width, std::uint64_t seed, double scale) {
    Tensor t(Shape{rows, width});
    Rng rng(seed, "test-inputs");
    for (std::size_t i = 0; i < t.size(); ++i) t.data()[i] = static_cast<float>(scale * (2 * rng.uniform() - 1));
    return t;
}

// Outcomes of every hidden neuron for one pass: the network's layers run one by one.
std::vector<float> hidden_outcomes(Network& network, const Tensor& x, const PassAddress& address,
                                   std::span<const std::size_t> ids) {
    network.neurons->begin_pass(address, ids);
    std::vector<float> outcomes;
    Tensor in = x;
    for (std::size_t k = 0; k + 1 < network.model.size(); ++k) {
        Tensor out(network.model.layer(k).output_shape(in.shape()));
        network.model.layer(k).forward(in, out, {});
        if (k % 2 == 1) outcomes.insert(outcomes.end(), out.data(), out.data() + out.size());
        in = std::move(out);
    }
    return outcomes;
}

std::vector<std::size_t> iota_ids(std::size_t n) {
    std::vector<std::size_t> ids(n);
    std::iota(ids.begin(), ids.end(), 0);
    return ids;
}

}  // namespace

TEST_CASE("T3: the straight-through gradient passes dL/ds where |h| < 1 (strictly) and blocks it elsewhere") {
    auto neurons = std::make_shared<NeuronRegister>(4);
    QuantumNeuronLayer quantum(neurons, 1, NeuronSettings{.a = 0.5});
    SignLayer sign(4);
    Tensor h(Shape{1, 4});
    const float values[] = {-1.0f, -0.999f, 0.5f, 1.0f};
    std::copy(values, values + 4, h.data());
    Tensor grad_s(Shape{1, 4});
    for (int i = 0; i < 4; ++i) grad_s.data()[i] = static_cast<float>(i + 1);
    for (nn::Layer* layer : {static_cast<nn::Layer*>(&quantum), static_cast<nn::Layer*>(&sign)}) {
        Tensor grad_h(Shape{1, 4});
        layer->backward(h, h, grad_s, &grad_h, {}, {});
        CHECK(grad_h.data()[0] == 0.0f);
        CHECK(grad_h.data()[1] == 2.0f);
        CHECK(grad_h.data()[2] == 3.0f);
        CHECK(grad_h.data()[3] == 0.0f);
    }
}

TEST_CASE("T4: the vote takes the most frequent class, ties to the smallest; argmax ties to the smallest index") {
    std::vector<int> counts(10, 0);
    for (int vote : {3, 3, 5, 5, 7}) ++counts[static_cast<std::size_t>(vote)];
    CHECK(majority_vote(counts) == 3);
    counts[7] = 3;
    CHECK(majority_vote(counts) == 7);
    const std::vector<float> logits = {0.5f, 2.0f, -1.0f, 2.0f};
    CHECK(argmax(logits) == 1);
}

TEST_CASE("the projective step equals the general formulas at g = π/2 bit for bit") {
    // Angles before the rotation in [−π, π], where every measurement leaves them in the
    // authors' arcsin form; the rotated angle then lies in [−2π, 2π].
    Rng rng(7, "projective-check");
    const NeuronSettings projective{.a = 0.7};
    for (int trial = 0; trial < 100000; ++trial) {
        NeuronState fast{(2 * rng.uniform() - 1) * std::numbers::pi, rng.uniform() < 0.5 ? +1 : -1};
        NeuronState general = fast;
        const double h = 6 * rng.uniform() - 3, u = rng.uniform();
        const int s = neuron_step(fast, h, projective, u);
        general.phi += std::numbers::pi / 2 * (general.m - squash(h, projective.a, projective.squash));
        const int expected = u < plus_probability(general.phi, projective.g) ? +1 : -1;
        const double angle = post_measurement_angle(general.phi, projective.g, expected, KrausUpdate::arcsin);
        REQUIRE(s == expected);
        REQUIRE(fast.phi == angle);  // ±0 compare equal, as they act alike downstream
        REQUIRE(fast.m == expected);
    }
}

TEST_CASE("E3: a = 1e-6 and a = 0 agree on at least 99.9% of the neuron outcomes") {
    const Tensor x = uniform_rows(200, 784, 3, 1.0);
    const auto ids = iota_ids(200);
    NetworkSpec near_classical;
    near_classical.neurons.a = 1e-6;
    Network classical = build_network(NetworkSpec{}, 5), near = build_network(near_classical, 5);
    const auto a0 = hidden_outcomes(classical, x, PassAddress::training(5, 0), ids);
    const auto a1 = hidden_outcomes(near, x, PassAddress::training(5, 0), ids);
    REQUIRE(a0.size() == a1.size());
    std::size_t agree = 0;
    for (std::size_t i = 0; i < a0.size(); ++i) agree += a0[i] == a1[i];
    CHECK(static_cast<double>(agree) / static_cast<double>(a0.size()) >= 0.999);
}

TEST_CASE("a neuron's draw depends on the image index, not its row in the batch") {
    const Tensor x = uniform_rows(8, 784, 4, 1.0);
    NetworkSpec spec;
    spec.neurons.a = 1.0;
    spec.neurons.g = std::numbers::pi / 5;
    Network network = build_network(spec, 2);
    const std::vector<std::size_t> ids = {10, 11, 12, 13, 14, 15, 16, 17};
    const auto forward = hidden_outcomes(network, x, PassAddress::evaluation(2, 3, 4), ids);
    // The same images in reverse order, with their ids reversed too.
    Tensor reversed(x.shape());
    std::vector<std::size_t> reversed_ids(ids.rbegin(), ids.rend());
    for (int r = 0; r < 8; ++r)
        std::copy(x.data() + (7 - r) * 784, x.data() + (8 - r) * 784, reversed.data() + r * 784);
    const auto backward = hidden_outcomes(network, reversed, PassAddress::evaluation(2, 3, 4), reversed_ids);
    const std::size_t per_layer = 8 * 512;
    for (std::size_t layer = 0; layer < 3; ++layer)
        for (std::size_t r = 0; r < 8; ++r)
            for (std::size_t i = 0; i < 512; ++i)
                REQUIRE(forward[layer * per_layer + r * 512 + i] == backward[layer * per_layer + (7 - r) * 512 + i]);
    // A different shot draws differently.
    CHECK(hidden_outcomes(network, x, PassAddress::evaluation(2, 3, 5), ids) != forward);
}

TEST_CASE("E4: training and the vote are bitwise identical on 1 and 2 threads") {
    const Tensor x = uniform_rows(300, 784, 8, 1.0), validation = uniform_rows(100, 784, 9, 1.0);
    std::vector<int> labels(300), validation_labels(100);
    for (std::size_t i = 0; i < labels.size(); ++i) labels[i] = static_cast<int>(i % 10);
    for (std::size_t i = 0; i < validation_labels.size(); ++i) validation_labels[i] = static_cast<int>((i * 7) % 10);
    NetworkSpec spec;
    spec.neurons.a = 0.3;
    spec.neurons.g = std::numbers::pi / 4;
    TrainingPlan plan;
    plan.epochs = 2;
    plan.evaluate_every = 1;
    std::vector<std::vector<float>> weights;
    std::vector<double> errors;
    const int previous = thread_count();
    for (int threads : {1, 2}) {
        set_thread_count(threads);
        Network network = build_network(spec, 11);
        const auto records = train_and_validate(network, {x, labels}, {validation, validation_labels}, 11, plan);
        std::vector<float> all;
        for (nn::Parameter* p : network.model.parameters()) all.insert(all.end(), p->value.data(), p->value.data() + p->value.size());
        weights.push_back(all);
        for (const auto& r : records) {
            errors.push_back(r.train_loss);
            errors.push_back(r.validation->vote_error);
            errors.push_back(r.validation->single_pass_error);
        }
    }
    set_thread_count(previous);
    CHECK(weights[0] == weights[1]);
    CHECK(std::vector<double>(errors.begin(), errors.begin() + 6) == std::vector<double>(errors.begin() + 6, errors.end()));
}

TEST_CASE("the network has the layers of §8.2: no biases, the last hidden layer projective") {
    NetworkSpec spec;
    spec.neurons.a = 0.5;
    spec.neurons.g = 0.3;
    Network network = build_network(spec, 0);
    REQUIRE(network.model.size() == 7);
    CHECK(network.model.parameter_count() == 784 * 512 + 512 * 512 * 2 + 512 * 10);
    const auto& weak = dynamic_cast<const QuantumNeuronLayer&>(network.model.layer(3));
    const auto& last = dynamic_cast<const QuantumNeuronLayer&>(network.model.layer(5));
    CHECK(weak.settings().g == 0.3);
    CHECK(last.settings().g == std::numbers::pi / 2);
    // N(0, 1/fan_in): the first layer's weights have std ≈ 1/28.
    const nn::Parameter* w1 = network.model.parameters()[0];
    double squares = 0;
    for (std::size_t i = 0; i < w1->value.size(); ++i) squares += double(w1->value.data()[i]) * w1->value.data()[i];
    CHECK(std::sqrt(squares / static_cast<double>(w1->value.size())) == doctest::Approx(1.0 / 28).epsilon(0.01));
}
