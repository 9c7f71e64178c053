#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

#include "core/error.hpp"
#include "quantum/gate_matrices.hpp"
#include "quantum/state_vector.hpp"

using namespace qmlr::quantum;

namespace {

double distance(const Matrix2& a, const Matrix2& b) {
    double worst = 0.0;
    for (int j = 0; j < 4; ++j) worst = std::max(worst, std::abs(a.m[j] - b.m[j]));
    return worst;
}

// exp(−iθP/2) = cos(θ/2) I − i sin(θ/2) P for a Pauli P.
Matrix2 pauli_rotation(const Matrix2& p, double theta) {
    Matrix2 out;
    for (int j = 0; j < 4; ++j)
        out.m[j] = std::cos(theta / 2) * identity2().m[j] - Complex(0, 1) * std::sin(theta / 2) * p.m[j];
    return out;
}

Matrix2 central_difference(Matrix2 (*gate)(double), double theta, double h = 1e-6) {
    const Matrix2 plus = gate(theta + h), minus = gate(theta - h);
    Matrix2 out;
    for (int j = 0; j < 4; ++j) out.m[j] = (plus.m[j] - minus.m[j]) / (2 * h);
    return out;
}

}  // namespace

TEST_CASE("rotations are exp(-i theta P / 2) and Rot is RZ RY RZ") {
    for (double theta : {-2.7, -0.3, 0.0, 1.1, 3.9}) {
        CHECK(distance(rx(theta), pauli_rotation(pauli_x(), theta)) < 1e-15);
        CHECK(distance(ry(theta), pauli_rotation(pauli_y(), theta)) < 1e-15);
        CHECK(distance(rz(theta), pauli_rotation(pauli_z(), theta)) < 1e-15);
        CHECK(distance(phase_shift(theta), Matrix2{{1, 0, 0, std::exp(Complex(0, theta))}}) < 1e-15);
    }
    CHECK(distance(rot(0.3, -1.2, 2.2), multiply(rz(2.2), multiply(ry(-1.2), rz(0.3)))) < 1e-15);
    CHECK(distance(multiply(s_gate(), s_gate()), pauli_z()) < 1e-15);
    CHECK(distance(multiply(t_gate(), t_gate()), s_gate()) < 1e-15);
    CHECK(distance(multiply(hadamard(), multiply(pauli_x(), hadamard())), pauli_z()) < 1e-15);
    CHECK(distance(multiply(pauli_x(), pauli_y()), Matrix2{{Complex(0, 1), 0, 0, Complex(0, -1)}}) <
          1e-15);  // XY = iZ
}

TEST_CASE("every fixed and rotation matrix is unitary; a non-unitary one is measured as such") {
    for (const Matrix2& m : {pauli_x(), pauli_y(), pauli_z(), hadamard(), s_gate(), t_gate(),
                             rx(0.7), ry(-2.0), rz(1.3), phase_shift(0.4), rot(0.1, 0.2, 0.3)})
        CHECK(unitarity_error(m) < 1e-15);
    CHECK(unitarity_error(swap_matrix()) == 0.0);
    CHECK(unitarity_error(kron(hadamard(), rx(0.5))) < 1e-15);
    CHECK(unitarity_error(Matrix2{{1, 0, 0, 2}}) == doctest::Approx(3.0));
}

TEST_CASE("generator times gate and Rot derivatives match central differences") {
    for (double theta : {-1.9, 0.25, 2.8}) {
        CHECK(distance(multiply(rx_generator(), rx(theta)), central_difference(rx, theta)) < 1e-9);
        CHECK(distance(multiply(ry_generator(), ry(theta)), central_difference(ry, theta)) < 1e-9);
        CHECK(distance(multiply(rz_generator(), rz(theta)), central_difference(rz, theta)) < 1e-9);
        CHECK(distance(multiply(phase_shift_generator(), phase_shift(theta)),
                       central_difference(phase_shift, theta)) < 1e-9);
    }
    const double a[3] = {0.4, -1.1, 2.3};
    const auto d = rot_derivatives(a[0], a[1], a[2]);
    for (int j = 0; j < 3; ++j) {
        double plus[3] = {a[0], a[1], a[2]}, minus[3] = {a[0], a[1], a[2]};
        plus[j] += 1e-6;
        minus[j] -= 1e-6;
        const Matrix2 p = rot(plus[0], plus[1], plus[2]), m = rot(minus[0], minus[1], minus[2]);
        Matrix2 fd;
        for (int k = 0; k < 4; ++k) fd.m[k] = (p.m[k] - m.m[k]) / 2e-6;
        CHECK(distance(d[j], fd) < 1e-9);
    }
}

TEST_CASE("kron puts the first factor on the more significant local bit") {
    const Matrix4 xi = kron(pauli_x(), identity2());
    // X on the first qubit maps local |00> (index 0) to |10> (index 2).
    CHECK(xi(2, 0) == Complex(1.0));
    CHECK(xi(1, 0) == Complex(0.0));
    const Matrix4 sw = swap_matrix();
    CHECK(sw(1, 2) == Complex(1.0));
    CHECK(sw(0, 0) == Complex(1.0));
    CHECK(sw(1, 1) == Complex(0.0));
}

TEST_CASE("PennyLane wire w of n wires is qubit n-1-w, and bad wires are errors") {
    CHECK(pennylane_wire_to_qubit(0, 4) == 3);
    CHECK(pennylane_wire_to_qubit(3, 4) == 0);
    CHECK(pennylane_wire_to_qubit(pennylane_wire_to_qubit(1, 5), 5) == 1);
    CHECK_THROWS_AS(pennylane_wire_to_qubit(4, 4), qmlr::Error);
    CHECK_THROWS_AS(pennylane_wire_to_qubit(-1, 4), qmlr::Error);
}
