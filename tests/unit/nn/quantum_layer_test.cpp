// QuantumLayer: input and θ gradients against finite differences (alone and inside a model),
// FGSM and PGD through a hybrid model, thread-count independence, shape errors, model files.
#include <doctest/doctest.h>

#include <numbers>
#include <vector>

#include "attacks/fgsm.hpp"
#include "attacks/pgd.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/rng.hpp"
#include "gradient_check.hpp"
#include "nn/activations.hpp"
#include "nn/cross_entropy.hpp"
#include "nn/init.hpp"
#include "nn/linear.hpp"
#include "nn/quantum_layer.hpp"
#include "nn/reshaping.hpp"
#include "nn/serialization.hpp"
#include "quantum/builders.hpp"
#include "support/temp_dir.hpp"

using qmlr::Shape;
using qmlr::Tensor;
using namespace qmlr;

namespace {

// RY(scale·x_q) on every qubit, then two RY/RZ + CNOT-ring layers (4n parameters).
quantum::Circuit encoded_ansatz(int qubits, double scale) {
    quantum::Circuit circuit(qubits);
    quantum::append_angle_encoding(circuit, quantum::GateKind::ry, 0, scale);
    std::size_t p = quantum::append_ry_rz_cnot_ring_layer(circuit, 0);
    quantum::append_ry_rz_cnot_ring_layer(circuit, p);
    return circuit;
}

std::vector<int> all_qubits(int n) {
    std::vector<int> q(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) q[static_cast<std::size_t>(i)] = i;
    return q;
}

nn::Model hybrid_model() {
    nn::Model model;
    model.add<nn::Flatten>();
    model.add<nn::Linear>(16, 4);
    model.add<nn::Tanh>();
    model.add<nn::QuantumLayer>(encoded_ansatz(4, std::numbers::pi / 2), quantum::Outputs::expval_z(all_qubits(4)));
    model.add<nn::Linear>(4, 3);
    model.initialize(2, {nn::Init::xavier_normal, nn::Init::zeros});
    return model;
}

}  // namespace

TEST_CASE("QuantumLayer: <Z> outputs, input and theta gradients equal finite differences") {
    nn::QuantumLayer layer(encoded_ansatz(3, 1.0), quantum::Outputs::expval_z(all_qubits(3)));
    CHECK(layer.theta().value.size() == 12);
    Rng rng(1, "test-theta");
    nn::initialize_angles(layer.theta().value, rng);
    const Tensor x = test::random_tensor(Shape{5, 3}, 2);
    CHECK(test::check_layer_gradients(layer, x, 3) == 15 + 12);

    // Outputs are expectations: in [-1, 1]; with θ = 0 the ansatz reduces to CNOT rings, and
    // x = 0 leaves |000⟩ unchanged, so every ⟨Z⟩ is 1.
    layer.theta().value.fill(0.0f);
    Tensor zero(Shape{1, 3}), out(Shape{1, 3});
    layer.forward(zero, out, {});
    for (float v : out) CHECK(v == doctest::Approx(1.0));
}

TEST_CASE("QuantumLayer: probability outputs, gradients equal finite differences") {
    nn::QuantumLayer layer(quantum::qplr_circuit(3, 2), quantum::Outputs::probabilities());
    Rng rng(4, "test-theta");
    nn::initialize_angles(layer.theta().value, rng);
    const Tensor x = test::random_tensor(Shape{4, 3}, 5);
    Tensor out(layer.output_shape(x.shape()));
    CHECK(out.shape() == Shape{4, 8});
    layer.forward(x, out, {});
    double total = 0.0;
    for (std::size_t j = 0; j < 8; ++j) total += out[j];
    CHECK(total == doctest::Approx(1.0).epsilon(1e-6));
    CHECK(test::check_layer_gradients(layer, x, 6) == 12 + 6);
}

TEST_CASE("QuantumLayer in a model: gradients of every parameter and of the input") {
    nn::Model model = hybrid_model();
    CHECK(test::check_model_gradients(model, test::uniform_images(Shape{6, 1, 4, 4}, 7), 8) ==
          96 + 64 + 4 + 16 + 12 + 3);
}

TEST_CASE("FGSM and PGD through a model with a quantum layer") {
    nn::Model model = hybrid_model();
    const Tensor x = test::uniform_images(Shape{12, 1, 4, 4}, 9);
    std::vector<int> labels(12);
    for (std::size_t i = 0; i < 12; ++i) labels[i] = static_cast<int>(i % 3);
    const Tensor adv = attacks::fgsm(model, x, labels, {.epsilon = 0.02});
    const auto before = nn::cross_entropy_per_sample(model.forward(x), labels);
    const auto after = nn::cross_entropy_per_sample(model.forward(adv), labels);
    for (std::int64_t n = 0; n < 12; ++n) {
        const bool changed = !std::equal(x.sample(n), x.sample(n) + 16, adv.sample(n));
        CHECK(changed);
        CHECK(after[static_cast<std::size_t>(n)] > before[static_cast<std::size_t>(n)]);
    }
    const Tensor pgd = attacks::pgd(model, x, labels, {.epsilon = 0.05, .step_size = 0.0125, .steps = 5, .seed = 1});
    for (std::size_t i = 0; i < x.size(); ++i) {
        REQUIRE(std::abs(pgd[i] - x[i]) <= 0.05f + 1e-6f);
        REQUIRE((pgd[i] >= 0.0f && pgd[i] <= 1.0f));
    }
}

TEST_CASE("QuantumLayer: identical gradients on 1 and 2 threads") {
    const Tensor x = test::uniform_images(Shape{40, 1, 4, 4}, 10);
    const Tensor dy = test::random_tensor(Shape{40, 3}, 11);
    auto run = [&](int threads) {
        set_thread_count(threads);
        nn::Model model = hybrid_model();
        model.forward(x);
        const Tensor dx = model.backward(dy, nn::Gradients::both);
        std::vector<float> all(dx.begin(), dx.end());
        for (nn::Parameter* p : model.parameters()) all.insert(all.end(), p->grad.begin(), p->grad.end());
        return all;
    };
    const int saved = thread_count();
    const auto one = run(1), two = run(2);
    set_thread_count(saved);
    CHECK(one == two);
}

TEST_CASE("QuantumLayer: shape errors, circuits without inputs, model files") {
    nn::QuantumLayer layer(encoded_ansatz(2, 1.0), quantum::Outputs::expval_z({0}));
    CHECK_THROWS_WITH_AS((void)layer.output_shape(Shape{3, 5}), doctest::Contains("(B,2), got (3,5)"), Error);
    quantum::Circuit no_inputs(2);
    quantum::append_ry_cz_ring_layer(no_inputs, 0);
    CHECK_THROWS_AS(nn::QuantumLayer(no_inputs, quantum::Outputs::probabilities()), Error);

    test::TempDir dir;
    nn::Model saved = hybrid_model();
    nn::save_model(saved, dir / "hybrid.qmlr");
    nn::Model loaded;
    loaded.add<nn::Flatten>();
    loaded.add<nn::Linear>(16, 4);
    loaded.add<nn::Tanh>();
    loaded.add<nn::QuantumLayer>(encoded_ansatz(4, std::numbers::pi / 2), quantum::Outputs::expval_z(all_qubits(4)));
    loaded.add<nn::Linear>(4, 3);
    nn::load_model(loaded, dir / "hybrid.qmlr");
    const Tensor x = test::uniform_images(Shape{3, 1, 4, 4}, 12);
    const Tensor a = saved.forward(x), b = loaded.forward(x);
    CHECK(std::equal(a.begin(), a.end(), b.begin()));
}
