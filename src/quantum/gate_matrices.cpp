#include "quantum/gate_matrices.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace qmlr::quantum {
namespace {

constexpr Complex kI{0.0, 1.0};

// a·b written out: std::complex's operator* adds NaN/infinity recovery this code never needs.
Complex times(Complex a, Complex b) {
    return {a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real()};
}

template <class M, int D>
M multiply_square(const M& a, const M& b) {
    M out;
    for (int r = 0; r < D; ++r)
        for (int c = 0; c < D; ++c) {
            Complex s = 0.0;
            for (int k = 0; k < D; ++k) s += times(a.m[D * r + k], b.m[D * k + c]);
            out.m[D * r + c] = s;
        }
    return out;
}

template <class M, int D>
M adjoint_square(const M& a) {
    M out;
    for (int r = 0; r < D; ++r)
        for (int c = 0; c < D; ++c) out.m[D * r + c] = std::conj(a.m[D * c + r]);
    return out;
}

template <class M, int D>
double unitarity_error_square(const M& a) {
    const M product = multiply_square<M, D>(adjoint_square<M, D>(a), a);
    double worst = 0.0;
    for (int r = 0; r < D; ++r)
        for (int c = 0; c < D; ++c)
            worst = std::max(worst, std::abs(product.m[D * r + c] - (r == c ? 1.0 : 0.0)));
    return worst;
}

}  // namespace

Matrix2 pauli_x() { return {{0.0, 1.0, 1.0, 0.0}}; }
Matrix2 pauli_y() { return {{0.0, -kI, kI, 0.0}}; }
Matrix2 pauli_z() { return {{1.0, 0.0, 0.0, -1.0}}; }
Matrix2 hadamard() {
    const double h = std::numbers::sqrt2 / 2.0;
    return {{h, h, h, -h}};
}
Matrix2 s_gate() { return {{1.0, 0.0, 0.0, kI}}; }
Matrix2 t_gate() { return {{1.0, 0.0, 0.0, std::polar(1.0, std::numbers::pi / 4.0)}}; }
Matrix2 identity2() { return {{1.0, 0.0, 0.0, 1.0}}; }

Matrix2 rx(double theta) {
    const double c = std::cos(theta / 2.0), s = std::sin(theta / 2.0);
    return {{c, -kI * s, -kI * s, c}};
}
Matrix2 ry(double theta) {
    const double c = std::cos(theta / 2.0), s = std::sin(theta / 2.0);
    return {{c, -s, s, c}};
}
Matrix2 rz(double theta) {
    return {{std::polar(1.0, -theta / 2.0), 0.0, 0.0, std::polar(1.0, theta / 2.0)}};
}
Matrix2 phase_shift(double phi) { return {{1.0, 0.0, 0.0, std::polar(1.0, phi)}}; }
Matrix2 rot(double phi, double theta, double omega) {
    return multiply(rz(omega), multiply(ry(theta), rz(phi)));
}

Matrix2 rx_generator() { return {{0.0, -kI / 2.0, -kI / 2.0, 0.0}}; }
Matrix2 ry_generator() { return {{0.0, -0.5, 0.5, 0.0}}; }
Matrix2 rz_generator() { return {{-kI / 2.0, 0.0, 0.0, kI / 2.0}}; }
Matrix2 phase_shift_generator() { return {{0.0, 0.0, 0.0, kI}}; }
std::array<Matrix2, 3> rot_derivatives(double phi, double theta, double omega) {
    const Matrix2 z_phi = rz(phi), y_theta = ry(theta), z_omega = rz(omega);
    return {multiply(z_omega, multiply(y_theta, multiply(rz_generator(), z_phi))),
            multiply(z_omega, multiply(ry_generator(), multiply(y_theta, z_phi))),
            multiply(rz_generator(), multiply(z_omega, multiply(y_theta, z_phi)))};
}

Matrix2 multiply(const Matrix2& a, const Matrix2& b) { return multiply_square<Matrix2, 2>(a, b); }
Matrix2 adjoint(const Matrix2& a) { return adjoint_square<Matrix2, 2>(a); }
Matrix4 multiply(const Matrix4& a, const Matrix4& b) { return multiply_square<Matrix4, 4>(a, b); }
Matrix4 adjoint(const Matrix4& a) { return adjoint_square<Matrix4, 4>(a); }

Matrix4 kron(const Matrix2& first, const Matrix2& second) {
    Matrix4 out;
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 4; ++c) out.m[4 * r + c] = first(r >> 1, c >> 1) * second(r & 1, c & 1);
    return out;
}

Matrix4 swap_matrix() {
    Matrix4 out;
    out.m[0] = out.m[4 * 1 + 2] = out.m[4 * 2 + 1] = out.m[15] = 1.0;
    return out;
}

bool is_real(const Matrix2& a) {
    return std::all_of(a.m.begin(), a.m.end(), [](Complex z) { return z.imag() == 0.0; });
}
bool is_real(const Matrix4& a) {
    return std::all_of(a.m.begin(), a.m.end(), [](Complex z) { return z.imag() == 0.0; });
}
double unitarity_error(const Matrix2& a) { return unitarity_error_square<Matrix2, 2>(a); }
double unitarity_error(const Matrix4& a) { return unitarity_error_square<Matrix4, 4>(a); }

}  // namespace qmlr::quantum
