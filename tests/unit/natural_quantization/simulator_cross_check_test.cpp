// docs/natural_quantization.md §9.3 E6: the neuron formulas against an independent simulation of
// the neuron qubit and the ancilla circuit of §4.3 on the state-vector simulator.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

#include "experiments/natural_quantization/quantum_neuron.hpp"
#include "quantum/circuit.hpp"
#include "quantum/execution.hpp"
#include "quantum/measurement.hpp"

namespace nq = qmlr::natural_quantization;
namespace qq = qmlr::quantum;
using std::numbers::pi;

namespace {

constexpr int kNeuron = 0, kAncilla = 1;
constexpr double kTolerance = 1e-12;

// Neuron qubit at angle φ; ancilla RY(π/2 − g), then RY(2g) on the ancilla controlled by the
// neuron. Measuring the ancilla in Z (|0⟩ ↦ m = +1) realises the Kraus pair of §4.1.
qq::StateVector entangled_state(double phi, double g) {
    qq::Circuit circuit(2);
    circuit.ry(kNeuron, qq::Angle::constant(phi))
        .ry(kAncilla, qq::Angle::constant(pi / 2 - g))
        .cry(kNeuron, kAncilla, qq::Angle::constant(2 * g));
    qq::StateVector state(2);
    qq::run(circuit, state, {}, {});
    return state;
}

// After the ancilla collapsed to `ancilla_bit`, the neuron's real amplitudes (c, s).
std::pair<double, double> neuron_amplitudes(const qq::StateVector& state, int ancilla_bit) {
    const std::size_t offset = static_cast<std::size_t>(ancilla_bit) << kAncilla;
    const auto c = state.data()[offset], s = state.data()[offset | (1u << kNeuron)];
    REQUIRE(std::abs(c.imag()) < kTolerance);
    REQUIRE(std::abs(s.imag()) < kTolerance);
    return {c.real(), s.real()};
}

}  // namespace

TEST_CASE("E6: a neuron prepared by RY(phi) has P(+1) = cos^2(phi/2)") {
    for (double phi = -2 * pi; phi <= 2 * pi + 1e-9; phi += pi / 16) {
        qq::Circuit circuit(1);
        circuit.ry(0, qq::Angle::constant(phi));
        qq::StateVector state(1);
        qq::run(circuit, state, {}, {});
        CHECK(std::abs(1.0 - qq::probability_of_one(state, 0) - nq::plus_probability(phi, pi / 2)) < kTolerance);
    }
}

TEST_CASE("E6: the ancilla circuit gives the outcome probabilities and the exact Kraus update") {
    int compared_with_arcsin = 0;
    for (int k = 0; k <= 20; ++k) {
        const double g = k * pi / 40;
        for (double phi = -2 * pi; phi <= 2 * pi + 1e-9; phi += pi / 12) {
            CAPTURE(k);
            CAPTURE(phi);
            const qq::StateVector state = entangled_state(phi, g);
            const double p_plus = 1.0 - qq::probability_of_one(state, kAncilla);
            CHECK(std::abs(p_plus - nq::plus_probability(phi, g)) < kTolerance);

            for (int m : {+1, -1}) {
                const double p_m = m == +1 ? p_plus : 1.0 - p_plus;
                if (p_m < 1e-9) continue;  // an impossible outcome has no post-measurement state
                qq::StateVector after = state;
                qq::collapse(after, kAncilla, m == +1 ? 0 : 1);
                const auto [c, s] = neuron_amplitudes(after, m == +1 ? 0 : 1);
                // Same state up to a global sign: (c, s) = ±(cos φ'/2, sin φ'/2).
                const double exact = nq::post_measurement_angle(phi, g, m, nq::KrausUpdate::exact);
                const double overlap = c * std::cos(exact / 2) + s * std::sin(exact / 2);
                CHECK(std::abs(std::abs(overlap) - 1.0) < kTolerance);
                if (std::abs(phi) <= pi + 1e-12) {
                    const double arcsin = nq::post_measurement_angle(phi, g, m, nq::KrausUpdate::arcsin);
                    CHECK(std::abs(std::abs(c * std::cos(arcsin / 2) + s * std::sin(arcsin / 2)) - 1.0) < kTolerance);
                    ++compared_with_arcsin;
                }
            }
        }
    }
    CHECK(compared_with_arcsin > 400);
}
