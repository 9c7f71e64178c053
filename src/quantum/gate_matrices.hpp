#pragma once
// The matrices of every gate, and the derivatives the adjoint method needs.
//
// Conventions (docs/conventions.md §3): RX(θ) = exp(−iθX/2), RY(θ) = exp(−iθY/2),
// RZ(θ) = exp(−iθZ/2), Rot(φ, θ, ω) = RZ(ω)·RY(θ)·RZ(φ) (PennyLane's order),
// PhaseShift(φ) = diag(1, e^{iφ}).
// A Matrix2 is row-major over the basis {|0⟩, |1⟩} of its qubit. A Matrix4 is row-major over
// the local index 2·b_first + b_second of the two qubits it is applied to, so a gate applied
// to (a, b) with matrix kron(A, B) is A on qubit a and B on qubit b (textbook order).
#include <array>
#include <complex>

namespace qmlr::quantum {

using Complex = std::complex<double>;

struct Matrix2 {
    std::array<Complex, 4> m{};  // m00, m01, m10, m11
    Complex operator()(int row, int col) const { return m[2 * row + col]; }
};

struct Matrix4 {
    std::array<Complex, 16> m{};
    Complex operator()(int row, int col) const { return m[4 * row + col]; }
};

// Fixed gates.
Matrix2 pauli_x();
Matrix2 pauli_y();
Matrix2 pauli_z();
Matrix2 hadamard();
Matrix2 s_gate();
Matrix2 t_gate();
Matrix2 identity2();

// Rotations.
Matrix2 rx(double theta);
Matrix2 ry(double theta);
Matrix2 rz(double theta);
Matrix2 phase_shift(double phi);
Matrix2 rot(double phi, double theta, double omega);

// Generators K of the one-angle gates R(θ) = exp(θK), so that dR/dθ = K·R(θ):
// K = −iX/2, −iY/2, −iZ/2 for RX, RY, RZ and i|1⟩⟨1| for PhaseShift.
Matrix2 rx_generator();
Matrix2 ry_generator();
Matrix2 rz_generator();
Matrix2 phase_shift_generator();
// d Rot / d(φ, θ, ω), in that order.
std::array<Matrix2, 3> rot_derivatives(double phi, double theta, double omega);

Matrix2 multiply(const Matrix2& a, const Matrix2& b);
Matrix2 adjoint(const Matrix2& a);
Matrix4 multiply(const Matrix4& a, const Matrix4& b);
Matrix4 adjoint(const Matrix4& a);
Matrix4 kron(const Matrix2& first, const Matrix2& second);

// SWAP in the Matrix4 convention (symmetric in its two qubits).
Matrix4 swap_matrix();

// True when every entry has a zero imaginary part (the gate keeps real states real).
bool is_real(const Matrix2& a);
bool is_real(const Matrix4& a);
// Largest |(A†A − I)_ij|: how far a matrix is from unitary.
double unitarity_error(const Matrix2& a);
double unitarity_error(const Matrix4& a);

}  // namespace qmlr::quantum
