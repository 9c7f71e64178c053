#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

#include "core/rng.hpp"
#include "experiments/quantum_patches/patch_filter.hpp"
#include "quantum/execution.hpp"
#include "quantum/measurement.hpp"

using namespace qmlr;
using namespace qmlr::quantum_patches;

namespace {

// ⟨Z_0..3⟩ of a circuit on the general simulator.
std::array<double, 4> simulate(const quantum::Circuit& circuit, const std::vector<double>& x) {
    quantum::StateVector state(4);
    quantum::run(circuit, state, {}, x);
    return {quantum::expval_z(state, 0), quantum::expval_z(state, 1), quantum::expval_z(state, 2),
            quantum::expval_z(state, 3)};
}

std::array<double, 4> kernel(const PatchFilter& filter, const std::vector<double>& x) {
    std::array<double, 4> z{};
    filter.evaluate(x.data(), z.data());
    return z;
}

}  // namespace

TEST_CASE("patch filter: golden values of docs/quantum_patches.md §8.1 for both gate lists") {
    struct Golden {
        std::vector<double> x;
        std::array<double, 4> new_list, legacy;
    };
    const Golden golden[] = {
        {{0, 0, 0, 0}, {1.0, -0.953333781, 0.425379820, -0.953333781}, {-0.815360452, 1.0, 1.0, 1.0}},
        {{1, 1, 1, 1}, {-1.0, 0.953333781, -0.425379820, -0.953333781}, {-0.815360452, 1.0, -1.0, -1.0}},
        {{0.5, 0.5, 0.5, 0.5}, {0.0, 0.0, -0.889387577, 0.0}, {0.0, 0.0, 0.0, 0.0}},
        {{0.5, 0.25, 0.75, 0.1}, {0.0, -0.674108781, -0.929680942, -0.641115549},
         {-0.032037181, -0.5, -0.707106781, 0.951056516}},
        {{0.2, 0.9, 0.4, 0.6}, {0.809016994, 0.906674304, -0.714408257, -0.280177768},
         {0.209958670, -0.293892626, 0.309016994, -0.309016994}},
        {{0.25, 0.5, 0.75, 1.0}, {0.707106781, 0.0, -0.929680942, 0.0}, {0.600366423, 0.0, -0.707106781, -1.0}},
    };
    const PatchFilter current({GateList::pennylane_0_29}), legacy({GateList::legacy});
    for (const Golden& g : golden) {
        const auto z = kernel(current, g.x), z_legacy = kernel(legacy, g.x);
        for (int j = 0; j < 4; ++j) {
            CHECK(std::abs(z[static_cast<std::size_t>(j)] - g.new_list[static_cast<std::size_t>(j)]) <= 1e-8);
            CHECK(std::abs(z_legacy[static_cast<std::size_t>(j)] - g.legacy[static_cast<std::size_t>(j)]) <= 1e-8);
        }
    }
}

TEST_CASE("patch filter: the kernel equals the general simulator for every gate list and encoding") {
    Rng rng(7, "test-blocks");
    int compared = 0;
    for (GateList gates : {GateList::pennylane_0_29, GateList::legacy, GateList::none})
        for (Encoding encoding : {Encoding::rx, Encoding::rx_then_ry}) {
            const PatchFilterConfig config{gates, encoding, kPatchWeights};
            const PatchFilter filter(config);
            const quantum::Circuit circuit = patch_filter_circuit(config);
            for (int trial = 0; trial < 200; ++trial) {
                const std::vector<double> x{rng.uniform(), rng.uniform(), rng.uniform(), rng.uniform()};
                const auto a = kernel(filter, x), b = simulate(circuit, x);
                for (int j = 0; j < 4; ++j) CHECK(std::abs(a[static_cast<std::size_t>(j)] - b[static_cast<std::size_t>(j)]) <= 1e-13);
                ++compared;
            }
        }
    CHECK(compared == 1200);
}

TEST_CASE("patch filter: closed forms (P1) and, without the random layer, cos(pi x) (P2)") {
    const double pi = std::numbers::pi;
    const auto& w = kPatchWeights;
    const PatchFilter filter, bare({GateList::none});
    Rng rng(3, "test-blocks");
    for (int trial = 0; trial < 10000; ++trial) {
        const std::vector<double> x{rng.uniform(), rng.uniform(), rng.uniform(), rng.uniform()};
        const auto z = kernel(filter, x), z0 = kernel(bare, x);
        const double a2 = pi * x[2] + w[1];
        const double expected[4] = {std::cos(pi * x[0]), std::cos(w[0]) * std::cos(pi * x[1]),
                                    std::cos(a2) * std::cos(w[3]) - std::sin(a2) * std::cos(w[2]) * std::sin(w[3]),
                                    std::cos(w[0]) * std::cos(pi * x[1]) * std::cos(pi * x[3])};
        for (std::size_t j = 0; j < 4; ++j) {
            REQUIRE(std::abs(z[j] - expected[j]) <= 1e-12);
            REQUIRE(std::abs(z0[j] - std::cos(pi * x[j])) <= 1e-12);
        }
    }
}

TEST_CASE("patch filter: the gate list of docs/quantum_patches.md §5.2 matches a hand-built circuit") {
    const auto& w = kPatchWeights;
    quantum::Circuit hand(4);
    for (int q = 0; q < 4; ++q) hand.rx(q, quantum::Angle::input(static_cast<std::size_t>(q), std::numbers::pi));
    hand.ry(1, quantum::Angle::constant(w[0]))
        .rx(2, quantum::Angle::constant(w[1]))
        .cnot(1, 3)
        .rz(2, quantum::Angle::constant(w[2]))
        .rx(2, quantum::Angle::constant(w[3]));
    const quantum::Circuit built = patch_filter_circuit({});
    REQUIRE(built.operations().size() == hand.operations().size());
    for (std::size_t i = 0; i < hand.operations().size(); ++i) {
        const auto& a = built.operations()[i];
        const auto& b = hand.operations()[i];
        CHECK(a.kind == b.kind);
        CHECK(a.qubits == b.qubits);
        CHECK(a.angles[0].source == b.angles[0].source);
        CHECK(a.angles[0].value == b.angles[0].value);
        CHECK(a.angles[0].scale == b.angles[0].scale);
    }
    // The legacy list has two CNOTs, in the table's order.
    const auto legacy = random_layer_gates(GateList::legacy, kPatchWeights);
    REQUIRE(legacy.size() == 6);
    CHECK(legacy[2].kind == quantum::GateKind::cnot);
    CHECK(legacy[2].qubits == std::array<int, 2>{2, 1});
    CHECK(legacy[3].qubits == std::array<int, 2>{3, 0});
}
