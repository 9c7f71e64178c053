// Every gate on every qubit position, and random circuits, for every SIMD backend against the
// dense Kronecker-product reference (the shared fixture of all backends).
#include <doctest/doctest.h>

#include <string>

#include "core/parallel.hpp"
#include "quantum/execution.hpp"
#include "quantum/quantum_test_support.hpp"

using namespace qmlr::quantum;
using namespace qmlr::quantum::test;

namespace {

constexpr double kTolerance = 1e-12;

// One-operation circuits of `kind` on every target (and every control/target pair).
std::vector<Circuit> single_gate_circuits(GateKind kind, int n) {
    std::vector<Circuit> out;
    const Angle a0 = Angle::parameter(0, 1.0), a1 = Angle::input(0, 0.5), a2 = Angle::constant(-0.9);
    const Matrix2 u = rot(0.3, -1.7, 2.1);
    for (int a = 0; a < n; ++a) {
        for (int b = 0; b < n; ++b) {
            const bool two = kind >= GateKind::cnot;
            if ((two && a == b) || (!two && b > 0)) continue;
            Circuit c(n);
            switch (kind) {
                case GateKind::x: c.x(a); break;
                case GateKind::y: c.y(a); break;
                case GateKind::z: c.z(a); break;
                case GateKind::h: c.h(a); break;
                case GateKind::s: c.s(a); break;
                case GateKind::t: c.t(a); break;
                case GateKind::rx: c.rx(a, a0); break;
                case GateKind::ry: c.ry(a, a1); break;
                case GateKind::rz: c.rz(a, a0); break;
                case GateKind::phase_shift: c.phase_shift(a, a1); break;
                case GateKind::rot: c.rot(a, a0, a1, a2); break;
                case GateKind::unitary: c.unitary(a, u); break;
                case GateKind::cnot: c.cnot(a, b); break;
                case GateKind::cz: c.cz(a, b); break;
                case GateKind::swap: c.swap(a, b); break;
                case GateKind::crx: c.crx(a, b, a0); break;
                case GateKind::cry: c.cry(a, b, a1); break;
                case GateKind::crz: c.crz(a, b, a0); break;
                case GateKind::controlled_unitary: c.controlled_unitary(a, b, u); break;
                case GateKind::unitary_2q:
                    c.unitary_2q(a, b, kron(u, rot(1.0, 0.5, -0.2)));
                    c.unitary_2q(a, b, multiply(swap_matrix(), kron(hadamard(), u)));
                    break;
            }
            out.push_back(std::move(c));
        }
    }
    return out;
}

const GateKind kAllKinds[] = {
    GateKind::x,   GateKind::y,       GateKind::z,    GateKind::h,  GateKind::s,
    GateKind::t,   GateKind::rx,      GateKind::ry,   GateKind::rz, GateKind::phase_shift,
    GateKind::rot, GateKind::unitary, GateKind::cnot, GateKind::cz, GateKind::swap,
    GateKind::crx, GateKind::cry,     GateKind::crz,  GateKind::controlled_unitary,
    GateKind::unitary_2q};

}  // namespace

TEST_CASE("every gate at every position matches its dense matrix, on every backend") {
    for (SimdBackend backend : available_backends()) {
        CAPTURE(std::string(backend_name(backend)));
        BackendScope scope(backend);
        qmlr::Rng rng(11, "gate-test");
        const std::vector<double> theta{0.83}, x{-2.4};
        for (int n = 1; n <= 6; ++n) {
            for (GateKind kind : kAllKinds) {
                for (const Circuit& c : single_gate_circuits(kind, n)) {
                    CAPTURE(n);
                    CAPTURE(static_cast<int>(kind));
                    CAPTURE(c.operations()[0].qubits[0]);
                    CAPTURE(c.operations()[0].qubits[1]);
                    const auto initial = random_state(n, rng);
                    StateVector state = to_state(initial);
                    run(c, state, theta, x);
                    const auto expected = run_dense(c, theta, x, initial);
                    REQUIRE(max_abs_difference(amplitudes_of(state), expected) < kTolerance);
                    // The real path on a real state, for gates with real matrices.
                    if (c.is_real()) {
                        const auto real_initial = random_real_state(n, rng);
                        std::vector<double> real = real_initial;
                        run_unchecked(c, real.data(), theta.data(), x.data());
                        const auto real_expected = run_dense(
                            c, theta, x, std::vector<Complex>(real_initial.begin(), real_initial.end()));
                        REQUIRE(max_abs_difference(std::vector<Complex>(real.begin(), real.end()),
                                                   real_expected) < kTolerance);
                    }
                }
            }
        }
    }
}

TEST_CASE("random 60-gate circuits agree across backends and with the dense reference") {
    qmlr::Rng rng(12, "random-circuits");
    for (int trial = 0; trial < 12; ++trial) {
        const int n = 2 + trial % 5;
        const Circuit c = random_circuit(n, 60, 5, 3, rng);
        const auto theta = random_vector(5, rng), x = random_vector(3, rng);
        const auto initial = random_state(n, rng);
        const auto expected = run_dense(c, theta, x, initial);
        std::vector<std::vector<Complex>> results;
        for (SimdBackend backend : available_backends()) {
            BackendScope scope(backend);
            StateVector state = to_state(initial);
            run(c, state, theta, x);
            CHECK(max_abs_difference(amplitudes_of(state), expected) < kTolerance);
            CHECK(std::abs(state.norm_squared() - 1.0) < 1e-13);
            results.push_back(amplitudes_of(state));
        }
        CHECK(max_abs_difference(results.front(), results.back()) < kTolerance);
    }
}

TEST_CASE("real-path random circuits equal the complex path") {
    qmlr::Rng rng(13, "real-circuits");
    for (SimdBackend backend : available_backends()) {
        BackendScope scope(backend);
        for (int n = 1; n <= 7; ++n) {
            const Circuit c = random_circuit(n, 80, 4, 2, rng, /*real_only=*/true);
            REQUIRE(c.is_real());
            const auto theta = random_vector(4, rng), x = random_vector(2, rng);
            const auto initial = random_real_state(n, rng);
            std::vector<double> real = initial;
            run_unchecked(c, real.data(), theta.data(), x.data());
            StateVector state(n);
            state.set_amplitudes(initial);
            run(c, state, theta, x);
            CHECK(max_abs_difference(std::vector<Complex>(real.begin(), real.end()),
                                     amplitudes_of(state)) < kTolerance);
        }
    }
}

TEST_CASE("threaded gates (n >= 14) agree across backends and thread counts") {
    qmlr::Rng rng(14, "threaded");
    const int n = kParallelMinQubits + 1;
    const Circuit c = random_circuit(n, 40, 3, 0, rng);
    const auto theta = random_vector(3, rng);
    const auto initial = random_state(n, rng);
    std::vector<std::vector<Complex>> results;
    for (SimdBackend backend : available_backends()) {
        BackendScope scope(backend);
        for (int threads : {1, 2}) {
            qmlr::set_thread_count(threads);
            StateVector state = to_state(initial);
            run(c, state, theta, {});
            results.push_back(amplitudes_of(state));
        }
        CHECK(results[results.size() - 2] == results.back());  // bit-identical
    }
    qmlr::set_thread_count(2);
    CHECK(max_abs_difference(results.front(), results.back()) < kTolerance);
}
