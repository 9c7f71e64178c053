#pragma once
// The portable reference kernels as templates over the amplitude type (double or Complex).
// They define the semantics every SIMD backend must reproduce; the AVX2 backend also calls them
// for the cases it does not specialise. Complex products are written out (no __muldc3 NaN
// handling from std::complex operator*).
#include <cstddef>

#include "quantum/kernels.hpp"

namespace qmlr::quantum::scalar {

inline double mul(double a, double b) { return a * b; }
inline Complex mul(Complex a, Complex b) {
    return {a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real()};
}
inline double conj_mul(double a, double b) { return a * b; }
inline Complex conj_mul(Complex a, Complex b) {  // conj(a)·b
    return {a.real() * b.real() + a.imag() * b.imag(), a.real() * b.imag() - a.imag() * b.real()};
}

// The entry as the amplitude type: its real part for real kernels.
template <class Amp>
Amp entry(Complex z) {
    if constexpr (sizeof(Amp) == sizeof(double)) return z.real();
    else return z;
}

template <class Amp>
void matrix_1q(Amp* a, int target, const Matrix2& u, std::size_t begin, std::size_t end) {
    const Amp u00 = entry<Amp>(u.m[0]), u01 = entry<Amp>(u.m[1]), u10 = entry<Amp>(u.m[2]),
              u11 = entry<Amp>(u.m[3]);
    const std::size_t bit = std::size_t{1} << target;
    for (std::size_t p = begin; p < end; ++p) {
        const std::size_t i0 = insert_zero_bit(p, target), i1 = i0 | bit;
        const Amp x0 = a[i0], x1 = a[i1];
        a[i0] = mul(u00, x0) + mul(u01, x1);
        a[i1] = mul(u10, x0) + mul(u11, x1);
    }
}

template <class Amp>
void diagonal_1q(Amp* a, int target, Complex d0, Complex d1, std::size_t begin, std::size_t end) {
    const Amp e0 = entry<Amp>(d0), e1 = entry<Amp>(d1);
    const std::size_t bit = std::size_t{1} << target;
    const bool touch_zero_half = d0 != Complex{1.0, 0.0};
    for (std::size_t p = begin; p < end; ++p) {
        const std::size_t i0 = insert_zero_bit(p, target);
        if (touch_zero_half) a[i0] = mul(e0, a[i0]);
        a[i0 | bit] = mul(e1, a[i0 | bit]);
    }
}

template <class Amp>
void controlled_matrix_1q(Amp* a, int control, int target, const Matrix2& u, std::size_t begin,
                          std::size_t end) {
    const Amp u00 = entry<Amp>(u.m[0]), u01 = entry<Amp>(u.m[1]), u10 = entry<Amp>(u.m[2]),
              u11 = entry<Amp>(u.m[3]);
    const std::size_t cbit = std::size_t{1} << control, tbit = std::size_t{1} << target;
    for (std::size_t k = begin; k < end; ++k) {
        const std::size_t i0 = insert_two_zero_bits(k, control, target) | cbit, i1 = i0 | tbit;
        const Amp x0 = a[i0], x1 = a[i1];
        a[i0] = mul(u00, x0) + mul(u01, x1);
        a[i1] = mul(u10, x0) + mul(u11, x1);
    }
}

template <class Amp>
void controlled_diagonal_1q(Amp* a, int control, int target, Complex d0, Complex d1,
                            std::size_t begin, std::size_t end) {
    const Amp e0 = entry<Amp>(d0), e1 = entry<Amp>(d1);
    const std::size_t cbit = std::size_t{1} << control, tbit = std::size_t{1} << target;
    const bool touch_zero_half = d0 != Complex{1.0, 0.0};
    for (std::size_t k = begin; k < end; ++k) {
        const std::size_t i0 = insert_two_zero_bits(k, control, target) | cbit;
        if (touch_zero_half) a[i0] = mul(e0, a[i0]);
        a[i0 | tbit] = mul(e1, a[i0 | tbit]);
    }
}

template <class Amp>
void matrix_2q(Amp* a, int first, int second, const Matrix4& u, std::size_t begin,
               std::size_t end) {
    Amp e[16];
    for (int j = 0; j < 16; ++j) e[j] = entry<Amp>(u.m[j]);
    const std::size_t offsets[4] = {0, std::size_t{1} << second, std::size_t{1} << first,
                                    (std::size_t{1} << first) | (std::size_t{1} << second)};
    for (std::size_t k = begin; k < end; ++k) {
        const std::size_t base = insert_two_zero_bits(k, first, second);
        Amp x[4];
        for (int j = 0; j < 4; ++j) x[j] = a[base | offsets[j]];
        for (int r = 0; r < 4; ++r) {
            Amp s = mul(e[4 * r], x[0]);
            for (int c = 1; c < 4; ++c) s += mul(e[4 * r + c], x[c]);
            a[base | offsets[r]] = s;
        }
    }
}

inline double conj(double a) { return a; }
inline Complex conj(Complex a) { return {a.real(), -a.imag()}; }

template <class Amp>
void multiply_diagonal(Amp* a, const Amp* d, bool conjugate, std::size_t begin, std::size_t end) {
    if (conjugate)
        for (std::size_t i = begin; i < end; ++i) a[i] = mul(conj(d[i]), a[i]);
    else
        for (std::size_t i = begin; i < end; ++i) a[i] = mul(d[i], a[i]);
}

template <class Amp>
Amp matrix_element_1q(const Amp* bra, const Amp* ket, int control, int target, const Matrix2& m,
                      std::size_t begin, std::size_t end) {
    const Amp m00 = entry<Amp>(m.m[0]), m01 = entry<Amp>(m.m[1]), m10 = entry<Amp>(m.m[2]),
              m11 = entry<Amp>(m.m[3]);
    const std::size_t tbit = std::size_t{1} << target;
    Amp sum{};
    for (std::size_t g = begin; g < end; ++g) {
        const std::size_t i0 = control < 0
                                   ? insert_zero_bit(g, target)
                                   : insert_two_zero_bits(g, control, target) | (std::size_t{1} << control);
        const std::size_t i1 = i0 | tbit;
        sum += conj_mul(bra[i0], mul(m00, ket[i0]) + mul(m01, ket[i1])) +
               conj_mul(bra[i1], mul(m10, ket[i0]) + mul(m11, ket[i1]));
    }
    return sum;
}

template <class Amp>
Amp adjoint_step_1q(Amp* psi, Amp* lambda, int target, const Matrix2& u_inverse, const Matrix2& d,
                    bool update_lambda, std::size_t begin, std::size_t end) {
    const Amp v00 = entry<Amp>(u_inverse.m[0]), v01 = entry<Amp>(u_inverse.m[1]),
              v10 = entry<Amp>(u_inverse.m[2]), v11 = entry<Amp>(u_inverse.m[3]);
    const Amp d00 = entry<Amp>(d.m[0]), d01 = entry<Amp>(d.m[1]), d10 = entry<Amp>(d.m[2]),
              d11 = entry<Amp>(d.m[3]);
    const std::size_t bit = std::size_t{1} << target;
    Amp sum{};
    for (std::size_t p = begin; p < end; ++p) {
        const std::size_t i0 = insert_zero_bit(p, target), i1 = i0 | bit;
        const Amp x0 = mul(v00, psi[i0]) + mul(v01, psi[i1]);
        const Amp x1 = mul(v10, psi[i0]) + mul(v11, psi[i1]);
        psi[i0] = x0;
        psi[i1] = x1;
        const Amp l0 = lambda[i0], l1 = lambda[i1];
        sum += conj_mul(l0, mul(d00, x0) + mul(d01, x1)) + conj_mul(l1, mul(d10, x0) + mul(d11, x1));
        if (update_lambda) {
            lambda[i0] = mul(v00, l0) + mul(v01, l1);
            lambda[i1] = mul(v10, l0) + mul(v11, l1);
        }
    }
    return sum;
}

template <class Amp>
KernelSet<Amp> kernel_set() {
    return {matrix_1q<Amp>, diagonal_1q<Amp>, controlled_matrix_1q<Amp>,
            controlled_diagonal_1q<Amp>, matrix_2q<Amp>, multiply_diagonal<Amp>,
            adjoint_step_1q<Amp>,   matrix_element_1q<Amp>};
}

}  // namespace qmlr::quantum::scalar
