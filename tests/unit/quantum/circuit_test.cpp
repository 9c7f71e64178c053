#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <numbers>

#include "core/error.hpp"
#include "quantum/builders.hpp"
#include "quantum/execution.hpp"
#include "quantum/execution_plan.hpp"
#include "quantum/measurement.hpp"
#include "quantum/quantum_test_support.hpp"

using namespace qmlr::quantum;
using namespace qmlr::quantum::test;

TEST_CASE("bad gate arguments are errors that name the problem") {
    Circuit c(3);
    CHECK_THROWS_AS(c.x(3), qmlr::Error);
    CHECK_THROWS_AS(c.h(-1), qmlr::Error);
    CHECK_THROWS_AS(c.cnot(1, 1), qmlr::Error);
    CHECK_THROWS_AS(c.cz(0, 5), qmlr::Error);
    CHECK_THROWS_AS(c.swap(2, 2), qmlr::Error);
    CHECK_THROWS_AS(c.rx(0, Angle::constant(std::nan(""))), qmlr::Error);
    CHECK_THROWS_AS(c.unitary(0, Matrix2{{1, 0, 0, 2}}), qmlr::Error);
    CHECK_THROWS_AS(c.unitary_2q(0, 1, Matrix4{}), qmlr::Error);
    CHECK_THROWS_AS(c.append(Circuit(2)), qmlr::Error);
    CHECK(c.operations().empty());
    try {
        c.cnot(2, 2);
    } catch (const qmlr::Error& e) {
        CHECK(std::string(e.what()).find("must differ") != std::string::npos);
    }
    try {
        c.x(7);
    } catch (const qmlr::Error& e) {
        CHECK(std::string(e.what()).find("0..2") != std::string::npos);
        CHECK(std::string(e.what()).find("got 7") != std::string::npos);
    }
}

TEST_CASE("running checks theta and x: length and finite values") {
    Circuit c(2);
    c.rx(0, Angle::parameter(1)).ry(1, Angle::input(2, 0.5));
    CHECK(c.num_parameters() == 2);
    CHECK(c.num_inputs() == 3);
    StateVector s(2);
    const std::vector<double> theta{0.1, 0.2}, x{0, 0, 1};
    run(c, s, theta, x);
    CHECK_THROWS_AS(run(c, s, std::vector<double>{0.1}, x), qmlr::Error);
    CHECK_THROWS_AS(run(c, s, theta, std::vector<double>{0, 0}), qmlr::Error);
    CHECK_THROWS_AS(run(c, s, std::vector<double>{0.1, std::numeric_limits<double>::quiet_NaN()}, x),
                    qmlr::Error);
    CHECK_THROWS_AS(run(c, s, theta, std::vector<double>{0, 0, INFINITY}), qmlr::Error);
    StateVector wrong(3);
    CHECK_THROWS_AS(run(c, wrong, theta, x), qmlr::Error);
}

TEST_CASE("is_real tracks whether every gate keeps real states real") {
    Circuit c(2);
    c.ry(0, Angle::parameter(0)).cz(0, 1).cnot(1, 0).h(1).x(0).z(1).swap(0, 1).cry(0, 1, Angle::constant(1));
    CHECK(c.is_real());
    c.unitary(0, hadamard());
    CHECK(c.is_real());
    Circuit d = c;
    d.rz(0, Angle::constant(0.3));
    CHECK_FALSE(d.is_real());
    Circuit e = c;
    e.unitary(1, s_gate());
    CHECK_FALSE(e.is_real());
    c.append(d);
    CHECK_FALSE(c.is_real());
}

TEST_CASE("builders: ring layers, encodings and the QPLR closed form") {
    Circuit ring(4);
    CHECK(append_ry_cz_ring_layer(ring, 3) == 7);
    REQUIRE(ring.operations().size() == 8);
    CHECK(ring.operations()[0].angles[0].index == 3);
    CHECK(ring.operations()[7].kind == GateKind::cz);
    CHECK(ring.operations()[7].qubits == std::array<int, 2>{3, 0});
    Circuit two(2);
    append_cz_ring(two);
    CHECK(two.operations().size() == 1);

    Circuit qnn(3);
    CHECK(append_ry_rz_cnot_ring_layer(qnn, 0) == 6);
    REQUIRE(qnn.operations().size() == 9);
    CHECK(qnn.operations()[1].kind == GateKind::rz);
    CHECK(qnn.operations()[1].angles[0].index == 3);
    CHECK(qnn.operations()[6].qubits == std::array<int, 2>{0, 1});
    CHECK(qnn.operations()[8].qubits == std::array<int, 2>{2, 0});

    // With L = 1 the QPLR circuit is a product state: P(b) = Π cos² or sin² of (φ_q + θ_q)/2.
    const int n = 5;
    const Circuit qplr = qplr_circuit(n, 1);
    CHECK(qplr.is_real());
    qmlr::Rng rng(31, "qplr");
    const auto phi = random_vector(n, rng, 0, 3.14), theta = random_vector(n, rng);
    StateVector s(n);
    run(qplr, s, theta, phi);
    const auto p = probabilities(s);
    for (std::size_t b = 0; b < p.size(); ++b) {
        double expected = 1;
        for (int q = 0; q < n; ++q) {
            const double half = (phi[q] + theta[q]) / 2;
            expected *= ((b >> q) & 1) ? std::pow(std::sin(half), 2) : std::pow(std::cos(half), 2);
        }
        CHECK(p[b] == doctest::Approx(expected).epsilon(1e-13));
    }
    CHECK_THROWS_AS(append_angle_encoding(ring, GateKind::rz), qmlr::Error);
    const FixedGate bad[] = {{GateKind::rot, {0, -1}, 0.0}};
    CHECK_THROWS_AS(append_fixed_gates(ring, bad), qmlr::Error);
}

TEST_CASE("quantum-patch filter: closed forms of the authors' circuit") {
    // Qubit 0 sees only RX(πx0): <Z0> = cos(πx0). Qubit 1: RX(πx1) then RY(w0): <Z1> =
    // cos(πx1)cos(w0). Qubit 3 after CNOT(1→3): <Z3> = <Z1><Z3 before> = cos(πx1)cos(w0)cos(πx3).
    const double w[4] = {3.448296944257913, 4.493667318642264, 3.787273988239316, 3.4236020095353483};
    const Circuit c = quantum_patch_circuit(std::span<const double, 4>(w));
    const std::vector<double> x{0.2, 0.7, 0.4, 0.9};
    StateVector s(4);
    run(c, s, {}, x);
    const double pi = std::numbers::pi;
    CHECK(expval_z(s, 0) == doctest::Approx(std::cos(pi * x[0])).epsilon(1e-13));
    CHECK(expval_z(s, 1) == doctest::Approx(std::cos(pi * x[1]) * std::cos(w[0])).epsilon(1e-13));
    CHECK(expval_z(s, 3) ==
          doctest::Approx(std::cos(pi * x[1]) * std::cos(w[0]) * std::cos(pi * x[3])).epsilon(1e-13));
    // Dense reference for the whole filter.
    std::vector<Complex> zero(16);
    zero[0] = 1;
    const auto expected = run_dense(c, {}, x, zero);
    CHECK(max_abs_difference(amplitudes_of(s), expected) < 1e-13);
}

TEST_CASE("execution plan: product-state prefix and fused diagonals give the same state") {
    // QPLR with 3 layers: the encoding and first RY layer form the prefix (2 gates per qubit);
    // every CZ ring becomes one fused diagonal.
    const int n = 5;
    const ExecutionPlan plan(qplr_circuit(n, 3));
    for (int q = 0; q < n; ++q) CHECK(plan.prefix(q).size() == 2);
    CHECK(plan.steps().size() == 3 + 2 * n);
    int fused = 0;
    for (const auto& step : plan.steps()) fused += step.diagonal >= 0;
    CHECK(fused == 3);

    qmlr::Rng rng(32, "plan");
    for (int trial = 0; trial < 10; ++trial) {
        Circuit c(4);
        c.h(1).rz(1, Angle::parameter(0)).rot(2, Angle::input(0), Angle::constant(0.2), Angle::parameter(1));
        c.cnot(1, 2).rx(1, Angle::parameter(2));  // qubit 1's prefix ends at the CNOT
        c.cz(0, 3).z(2).s(0).t(3).rz(1, Angle::constant(0.4)).crz(3, 1, Angle::constant(-1.1)).cz(1, 2);
        c.append(random_circuit(4, 30, 3, 1, rng));
        const auto theta = random_vector(3, rng), x = random_vector(1, rng);
        const ExecutionPlan p(c);
        CHECK(p.prefix(1).size() == 2);
        std::vector<Complex> planned(16);
        p.run_from_zero(planned.data(), theta.data(), x.data());
        std::vector<Complex> zero(16);
        zero[0] = 1;
        CHECK(max_abs_difference(planned, run_dense(c, theta, x, zero)) < 1e-12);
    }
}
