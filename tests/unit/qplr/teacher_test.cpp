// The QPLR teacher circuit against the dense reference simulator and the product formulas of
// docs/qplr.md §5 (checks I1, I2, I4), and the teacher model's output shapes.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

#include "core/rng.hpp"
#include "experiments/qplr/teacher.hpp"
#include "quantum/batched.hpp"
#include "quantum/builders.hpp"
#include "quantum/quantum_test_support.hpp"

using namespace qmlr;

namespace {

// Born probabilities from the batched evaluator for one sample.
std::vector<double> evaluator_probabilities(const quantum::Circuit& circuit, const std::vector<double>& x,
                                            const std::vector<double>& theta) {
    quantum::BatchedEvaluator evaluator(circuit, quantum::Outputs::probabilities());
    std::vector<double> p(evaluator.num_outputs());
    evaluator.forward(1, x, theta, p);
    return p;
}

// ∏_q cos² or sin² of angle_q / 2 by the bit of qubit q in b.
double product_formula(std::size_t b, const std::vector<double>& angles) {
    double p = 1.0;
    for (std::size_t q = 0; q < angles.size(); ++q) {
        const double half = angles[q] / 2.0;
        p *= ((b >> q) & 1u) ? std::sin(half) * std::sin(half) : std::cos(half) * std::cos(half);
    }
    return p;
}

}  // namespace

TEST_CASE("QPLR teacher circuit: Born probabilities equal the dense reference and sum to 1") {
    Rng rng(11, "qplr-teacher-test");
    for (int layers : {1, 2, 3}) {
        const quantum::Circuit circuit = qplr::teacher_circuit(layers);
        CHECK(circuit.num_inputs() == 10);
        CHECK(circuit.num_parameters() == static_cast<std::size_t>(10 * layers));
        const auto x = quantum::test::random_vector(10, rng, 0.0, 1.0);
        const auto theta = quantum::test::random_vector(circuit.num_parameters(), rng, 0.0, 2 * std::numbers::pi);
        const auto p = evaluator_probabilities(circuit, x, theta);
        std::vector<quantum::Complex> zero(1024, 0.0);
        zero[0] = 1.0;
        const auto dense = quantum::test::run_dense(circuit, theta, x, zero);
        double total = 0.0, worst = 0.0;
        for (std::size_t b = 0; b < 1024; ++b) {
            worst = std::max(worst, std::abs(p[b] - std::norm(dense[b])));
            total += p[b];
        }
        CHECK(worst < 1e-12);
        CHECK(std::abs(total - 1.0) < 1e-12);
    }
}

TEST_CASE("QPLR teacher circuit: θ = 0 gives the product formula with angles π·x; L = 1 with π·x + θ") {
    Rng rng(12, "qplr-teacher-test");
    const auto x = quantum::test::random_vector(10, rng, 0.0, 1.0);
    std::vector<double> angles(10);
    for (int q = 0; q < 10; ++q) angles[q] = std::numbers::pi * x[q];
    const auto p0 = evaluator_probabilities(qplr::teacher_circuit(3), x, std::vector<double>(30, 0.0));
    const auto theta = quantum::test::random_vector(10, rng, 0.0, 2 * std::numbers::pi);
    const auto p1 = evaluator_probabilities(qplr::teacher_circuit(1), x, theta);
    std::vector<double> shifted = angles;
    for (int q = 0; q < 10; ++q) shifted[q] += theta[q];
    double worst0 = 0.0, worst1 = 0.0;
    for (std::size_t b = 0; b < 1024; ++b) {
        worst0 = std::max(worst0, std::abs(p0[b] - product_formula(b, angles)));
        worst1 = std::max(worst1, std::abs(p1[b] - product_formula(b, shifted)));
    }
    CHECK(worst0 < 1e-12);
    CHECK(worst1 < 1e-12);
}

TEST_CASE("QPLR teacher circuit: the last CZ ring does not change the probabilities (L = 2, 3)") {
    Rng rng(13, "qplr-teacher-test");
    for (int layers : {2, 3}) {
        const auto x = quantum::test::random_vector(10, rng, 0.0, 1.0);
        const auto theta = quantum::test::random_vector(10 * static_cast<std::size_t>(layers), rng, 0.0, 6.0);
        // The same circuit without its final ring: L−1 full layers, then RY on every qubit.
        quantum::Circuit truncated(10);
        quantum::append_angle_encoding(truncated, quantum::GateKind::ry, 0, std::numbers::pi);
        std::size_t next = 0;
        for (int l = 0; l + 1 < layers; ++l) next = quantum::append_ry_cz_ring_layer(truncated, next);
        for (int q = 0; q < 10; ++q) truncated.ry(q, quantum::Angle::parameter(next + static_cast<std::size_t>(q)));
        const auto full = evaluator_probabilities(qplr::teacher_circuit(layers), x, theta);
        const auto cut = evaluator_probabilities(truncated, x, theta);
        double worst = 0.0;
        for (std::size_t b = 0; b < 1024; ++b) worst = std::max(worst, std::abs(full[b] - cut[b]));
        CHECK(worst < 1e-12);
    }
}

TEST_CASE("QPLR teacher model: front gives (B,1024) distributions, post gives (B,10) logits") {
    qplr::TeacherNet teacher = qplr::make_teacher(2, 5);
    Tensor images(Shape{3, 1, 28, 28});
    for (std::size_t i = 0; i < images.size(); ++i) images[i] = static_cast<float>((i * 37) % 255) / 255.0f;
    const Tensor p = qplr::teacher_probabilities(teacher, images);
    REQUIRE(p.shape() == Shape({3, 1024}));
    for (std::int64_t b = 0; b < 3; ++b) {
        double total = 0.0;
        for (int k = 0; k < 1024; ++k) total += p.sample(b)[k];
        CHECK(total == doctest::Approx(1.0).epsilon(1e-5));
    }
    CHECK(teacher.post.forward(p).shape() == Shape({3, 10}));
}
