// AVX2+FMA kernels. This file is compiled with -mavx2 -mfma, so everything in it stays in an
// anonymous namespace (no inline function compiled here can be picked by the linker for code
// that runs on CPUs without AVX2), and cases it does not specialise call the scalar reference
// through its function table.
//
// Register layouts (__m256d = 4 doubles):
//   complex: one register holds two consecutive amplitudes [re0, im0, re1, im1];
//   real:    one register holds four consecutive amplitudes.
// Loads and stores are unaligned instructions (as fast as aligned ones on aligned data), so a
// kernel accepts any amplitude pointer; state vectors are 64-byte aligned anyway.
// A target qubit whose partner amplitude lies in the same register (complex: qubit 0; real:
// qubits 0 and 1) is handled in-register: out = A ⊙ v + B ⊙ partner(v), where partner(v) swaps
// each amplitude with its partner and A, B hold the matrix entries lane by lane.
#include <immintrin.h>

#include <array>

#include "quantum/kernels.hpp"

namespace qmlr::quantum {
namespace {

using std::size_t;

size_t insert_bit(size_t i, int bit) {
    const size_t low = i & ((size_t{1} << bit) - 1);
    return ((i >> bit) << (bit + 1)) | low;
}

size_t insert_two_bits(size_t i, int bit_a, int bit_b) {
    return bit_a < bit_b ? insert_bit(insert_bit(i, bit_a), bit_b)
                         : insert_bit(insert_bit(i, bit_b), bit_a);
}

double re(const Complex& z) { return reinterpret_cast<const double*>(&z)[0]; }
double im(const Complex& z) { return reinterpret_cast<const double*>(&z)[1]; }
bool is_one(const Complex& z) { return re(z) == 1.0 && im(z) == 0.0; }
// Entry j (row-major) of a matrix, read without calling std::array members from this file.
const Complex& at(const Matrix2& u, int j) { return reinterpret_cast<const Complex*>(&u)[j]; }

const KernelSet<Complex>& scalar_complex() { return scalar_backend().complex_kernels; }
const KernelSet<double>& scalar_real() { return scalar_backend().real_kernels; }

// ---- complex helpers ----

// A complex coefficient per lane pair, split into real and imaginary parts.
struct ComplexLanes {
    __m256d re, im;
};

ComplexLanes broadcast(const Complex& z) { return {_mm256_set1_pd(re(z)), _mm256_set1_pd(im(z))}; }
// [z0 for the first amplitude, z1 for the second].
ComplexLanes per_lane(const Complex& z0, const Complex& z1) {
    return {_mm256_setr_pd(re(z0), re(z0), re(z1), re(z1)),
            _mm256_setr_pd(im(z0), im(z0), im(z1), im(z1))};
}

__m256d swap_re_im(__m256d v) { return _mm256_permute_pd(v, 0b0101); }
__m256d swap_amplitudes(__m256d v) { return _mm256_permute2f128_pd(v, v, 1); }

// a·x (complex, lane by lane).
__m256d cmul(const ComplexLanes& a, __m256d x) {
    return _mm256_fmaddsub_pd(x, a.re, _mm256_mul_pd(swap_re_im(x), a.im));
}

// a·x + b·y (complex, lane by lane).
__m256d cmul_add(const ComplexLanes& a, __m256d x, const ComplexLanes& b, __m256d y) {
    const __m256d real_parts = _mm256_fmadd_pd(b.re, y, _mm256_mul_pd(a.re, x));
    const __m256d imag_parts =
        _mm256_fmadd_pd(b.im, swap_re_im(y), _mm256_mul_pd(a.im, swap_re_im(x)));
    return _mm256_addsub_pd(real_parts, imag_parts);
}

double* as_doubles(Complex* a) { return reinterpret_cast<double*>(a); }

// ---- complex kernels ----

void complex_matrix_1q(Complex* a, int target, const Matrix2& u, size_t begin, size_t end) {
    double* d = as_doubles(a);
    size_t p = begin;
    if (target == 0) {  // pair p is the register at amplitude 2p
        const ComplexLanes diag = per_lane(at(u, 0), at(u, 3)), off = per_lane(at(u, 1), at(u, 2));
        for (; p < end; ++p) {
            const __m256d v = _mm256_loadu_pd(d + 4 * p);
            _mm256_storeu_pd(d + 4 * p, cmul_add(diag, v, off, swap_amplitudes(v)));
        }
        return;
    }
    const ComplexLanes u00 = broadcast(at(u, 0)), u01 = broadcast(at(u, 1)),
                       u10 = broadcast(at(u, 2)), u11 = broadcast(at(u, 3));
    const size_t bit = size_t{1} << target;
    for (; p + 2 <= end; p += 2) {  // pairs p and p+1 are adjacent
        double* lo = d + 2 * insert_bit(p, target);
        double* hi = lo + 2 * bit;
        const __m256d x0 = _mm256_loadu_pd(lo), x1 = _mm256_loadu_pd(hi);
        _mm256_storeu_pd(lo, cmul_add(u00, x0, u01, x1));
        _mm256_storeu_pd(hi, cmul_add(u10, x0, u11, x1));
    }
    if (p < end) scalar_complex().matrix_1q(a, target, u, p, end);
}

void complex_diagonal_1q(Complex* a, int target, Complex d0, Complex d1, size_t begin,
                         size_t end) {
    double* d = as_doubles(a);
    size_t p = begin;
    if (target == 0) {
        const ComplexLanes diag = per_lane(d0, d1);
        for (; p < end; ++p) _mm256_storeu_pd(d + 4 * p, cmul(diag, _mm256_loadu_pd(d + 4 * p)));
        return;
    }
    const ComplexLanes e0 = broadcast(d0), e1 = broadcast(d1);
    const bool touch_zero_half = !is_one(d0);
    const size_t bit = size_t{1} << target;
    for (; p + 2 <= end; p += 2) {
        double* lo = d + 2 * insert_bit(p, target);
        double* hi = lo + 2 * bit;
        if (touch_zero_half) _mm256_storeu_pd(lo, cmul(e0, _mm256_loadu_pd(lo)));
        _mm256_storeu_pd(hi, cmul(e1, _mm256_loadu_pd(hi)));
    }
    if (p < end) scalar_complex().diagonal_1q(a, target, d0, d1, p, end);
}

void complex_controlled_matrix_1q(Complex* a, int control, int target, const Matrix2& u,
                                  size_t begin, size_t end) {
    if (control == 0 || target == 0) {
        scalar_complex().controlled_matrix_1q(a, control, target, u, begin, end);
        return;
    }
    double* d = as_doubles(a);
    const ComplexLanes u00 = broadcast(at(u, 0)), u01 = broadcast(at(u, 1)),
                       u10 = broadcast(at(u, 2)), u11 = broadcast(at(u, 3));
    const size_t cbit = size_t{1} << control, tbit = size_t{1} << target;
    size_t k = begin;
    for (; k + 2 <= end; k += 2) {  // quads k and k+1 are adjacent
        double* lo = d + 2 * (insert_two_bits(k, control, target) | cbit);
        double* hi = lo + 2 * tbit;
        const __m256d x0 = _mm256_loadu_pd(lo), x1 = _mm256_loadu_pd(hi);
        _mm256_storeu_pd(lo, cmul_add(u00, x0, u01, x1));
        _mm256_storeu_pd(hi, cmul_add(u10, x0, u11, x1));
    }
    if (k < end) scalar_complex().controlled_matrix_1q(a, control, target, u, k, end);
}

void complex_controlled_diagonal_1q(Complex* a, int control, int target, Complex d0, Complex d1,
                                    size_t begin, size_t end) {
    if (control == 0 || target == 0) {
        scalar_complex().controlled_diagonal_1q(a, control, target, d0, d1, begin, end);
        return;
    }
    double* d = as_doubles(a);
    const ComplexLanes e0 = broadcast(d0), e1 = broadcast(d1);
    const bool touch_zero_half = !is_one(d0);
    const size_t cbit = size_t{1} << control, tbit = size_t{1} << target;
    size_t k = begin;
    for (; k + 2 <= end; k += 2) {
        double* lo = d + 2 * (insert_two_bits(k, control, target) | cbit);
        double* hi = lo + 2 * tbit;
        if (touch_zero_half) _mm256_storeu_pd(lo, cmul(e0, _mm256_loadu_pd(lo)));
        _mm256_storeu_pd(hi, cmul(e1, _mm256_loadu_pd(hi)));
    }
    if (k < end) scalar_complex().controlled_diagonal_1q(a, control, target, d0, d1, k, end);
}

// Σ conj(l)·x over registers, kept per amplitude slot: re += l⊙x and im += l⊙swap_re_im(x), so
// slot s holds (re[2s] + re[2s+1], im[2s] − im[2s+1]) = Re, Im of Σ conj(l_s)·x_s.
struct ConjProductSum {
    __m256d re = _mm256_setzero_pd(), im = _mm256_setzero_pd();

    void add(__m256d l, __m256d x) {
        re = _mm256_fmadd_pd(l, x, re);
        im = _mm256_fmadd_pd(l, swap_re_im(x), im);
    }
    std::array<double, 2> slot(int s) const {
        alignas(32) double r[4], i[4];
        _mm256_store_pd(r, re);
        _mm256_store_pd(i, im);
        return {r[2 * s] + r[2 * s + 1], i[2 * s] - i[2 * s + 1]};
    }
    std::array<double, 2> total() const {
        const auto a = slot(0), b = slot(1);
        return {a[0] + b[0], a[1] + b[1]};
    }
};

// Σ_rc d_rc·s_rc for the sums s_rc = Σ conj(λ_r)·x_c.
Complex combine_with(const Matrix2& d, const std::array<std::array<double, 2>, 4>& s) {
    double out_re = 0.0, out_im = 0.0;
    for (int k = 0; k < 4; ++k) {
        out_re += re(at(d, k)) * s[k][0] - im(at(d, k)) * s[k][1];
        out_im += re(at(d, k)) * s[k][1] + im(at(d, k)) * s[k][0];
    }
    return {out_re, out_im};
}

template <bool update_lambda>
Complex complex_adjoint_step(Complex* psi_c, Complex* lambda_c, int target,
                             const Matrix2& u_inverse, const Matrix2& d, size_t begin,
                             size_t end) {
    double* psi = as_doubles(psi_c);
    double* lambda = as_doubles(lambda_c);
    std::array<std::array<double, 2>, 4> s;  // s00, s01, s10, s11
    size_t p = begin;
    if (target == 0) {  // pair p is the register at amplitude 2p
        const ComplexLanes diag = per_lane(at(u_inverse, 0), at(u_inverse, 3)),
                           off = per_lane(at(u_inverse, 1), at(u_inverse, 2));
        ConjProductSum same, crossed;  // slots: (s00, s11) and (s01, s10)
        for (; p < end; ++p) {
            const __m256d v = _mm256_loadu_pd(psi + 4 * p);
            const __m256d x = cmul_add(diag, v, off, swap_amplitudes(v));
            _mm256_storeu_pd(psi + 4 * p, x);
            const __m256d l = _mm256_loadu_pd(lambda + 4 * p);
            same.add(l, x);
            crossed.add(l, swap_amplitudes(x));
            if (update_lambda)
                _mm256_storeu_pd(lambda + 4 * p, cmul_add(diag, l, off, swap_amplitudes(l)));
        }
        s = {same.slot(0), crossed.slot(0), crossed.slot(1), same.slot(1)};
        return combine_with(d, s);
    }
    const ComplexLanes v00 = broadcast(at(u_inverse, 0)), v01 = broadcast(at(u_inverse, 1)),
                       v10 = broadcast(at(u_inverse, 2)), v11 = broadcast(at(u_inverse, 3));
    const size_t bit = size_t{1} << target;
    ConjProductSum s00, s01, s10, s11;
    for (; p + 2 <= end; p += 2) {  // pairs p and p+1 are adjacent
        const size_t offset = 2 * insert_bit(p, target);
        double* plo = psi + offset;
        double* phi = plo + 2 * bit;
        double* llo = lambda + offset;
        double* lhi = llo + 2 * bit;
        const __m256d p0 = _mm256_loadu_pd(plo), p1 = _mm256_loadu_pd(phi);
        const __m256d x0 = cmul_add(v00, p0, v01, p1), x1 = cmul_add(v10, p0, v11, p1);
        _mm256_storeu_pd(plo, x0);
        _mm256_storeu_pd(phi, x1);
        const __m256d l0 = _mm256_loadu_pd(llo), l1 = _mm256_loadu_pd(lhi);
        s00.add(l0, x0);
        s01.add(l0, x1);
        s10.add(l1, x0);
        s11.add(l1, x1);
        if (update_lambda) {
            _mm256_storeu_pd(llo, cmul_add(v00, l0, v01, l1));
            _mm256_storeu_pd(lhi, cmul_add(v10, l0, v11, l1));
        }
    }
    s = {s00.total(), s01.total(), s10.total(), s11.total()};
    const Complex total = combine_with(d, s);
    if (p == end) return total;
    const Complex tail = scalar_complex().adjoint_step_1q(psi_c, lambda_c, target, u_inverse, d,
                                                          update_lambda, p, end);
    return {re(total) + re(tail), im(total) + im(tail)};
}

Complex complex_adjoint_step_1q(Complex* psi, Complex* lambda, int target,
                                const Matrix2& u_inverse, const Matrix2& d, bool update_lambda,
                                size_t begin, size_t end) {
    return update_lambda
               ? complex_adjoint_step<true>(psi, lambda, target, u_inverse, d, begin, end)
               : complex_adjoint_step<false>(psi, lambda, target, u_inverse, d, begin, end);
}

// ---- real helpers and kernels ----

// The partner of every amplitude within a register, for target 0 or 1.
__m256d real_partner(__m256d v, int target) {
    return target == 0 ? _mm256_permute_pd(v, 0b0101) : _mm256_permute4x64_pd(v, 0b01001110);
}

// Lane-by-lane coefficients [for the |0⟩ amplitude, for the |1⟩ amplitude] for target 0 or 1.
__m256d real_per_lane(double for_zero, double for_one, int target) {
    return target == 0 ? _mm256_setr_pd(for_zero, for_one, for_zero, for_one)
                       : _mm256_setr_pd(for_zero, for_zero, for_one, for_one);
}

double horizontal_sum(__m256d v) {
    const __m128d pair = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    return _mm_cvtsd_f64(_mm_add_sd(pair, _mm_unpackhi_pd(pair, pair)));
}

size_t smaller(size_t a, size_t b) { return a < b ? a : b; }

// Calls body(i0, count) for each run of pairs in [begin, end) whose |0⟩ indices i0 … i0+count−1
// are contiguous (a run ends where the pair index carries into the target bit).
template <class Body>
void for_each_pair_run(int target, size_t begin, size_t end, Body&& body) {
    const size_t bit = size_t{1} << target;
    for (size_t p = begin; p < end;) {
        const size_t run = smaller(end - p, bit - (p & (bit - 1)));
        body(insert_bit(p, target), run);
        p += run;
    }
}

// 2×2 real matrix entries broadcast to all lanes (targets >= 2) or lane by lane (targets 0, 1).
struct RealMatrix {
    __m256d m00, m01, m10, m11;  // broadcast
    __m256d diag, off;           // in-register layout
};

RealMatrix real_matrix(const Matrix2& u, int target) {
    const double e00 = re(at(u, 0)), e01 = re(at(u, 1)), e10 = re(at(u, 2)), e11 = re(at(u, 3));
    RealMatrix m{_mm256_set1_pd(e00), _mm256_set1_pd(e01), _mm256_set1_pd(e10),
                 _mm256_set1_pd(e11), _mm256_setzero_pd(), _mm256_setzero_pd()};
    if (target < 2) {
        m.diag = real_per_lane(e00, e11, target);
        m.off = real_per_lane(e01, e10, target);
    }
    return m;
}

// M·v for a register holding two whole pairs (targets 0, 1).
__m256d in_register(const RealMatrix& m, __m256d v, int target) {
    return _mm256_fmadd_pd(m.off, real_partner(v, target), _mm256_mul_pd(m.diag, v));
}

void real_matrix_1q(double* a, int target, const Matrix2& u, size_t begin, size_t end) {
    const RealMatrix m = real_matrix(u, target);
    size_t p = begin;
    if (target < 2) {  // pairs p, p+1 (p even) form the register at amplitude 2p
        for (; p + 2 <= end; p += 2)
            _mm256_storeu_pd(a + 2 * p, in_register(m, _mm256_loadu_pd(a + 2 * p), target));
        if (p < end) scalar_real().matrix_1q(a, target, u, p, end);
        return;
    }
    const size_t bit = size_t{1} << target;
    for_each_pair_run(target, begin, end, [&](size_t i0, size_t count) {
        double* lo = a + i0;
        double* hi = lo + bit;
        size_t j = 0;
        for (; j + 4 <= count; j += 4) {
            const __m256d x0 = _mm256_loadu_pd(lo + j), x1 = _mm256_loadu_pd(hi + j);
            _mm256_storeu_pd(lo + j, _mm256_fmadd_pd(m.m01, x1, _mm256_mul_pd(m.m00, x0)));
            _mm256_storeu_pd(hi + j, _mm256_fmadd_pd(m.m11, x1, _mm256_mul_pd(m.m10, x0)));
        }
        for (; j < count; ++j) {
            const double x0 = lo[j], x1 = hi[j];
            lo[j] = re(at(u, 0)) * x0 + re(at(u, 1)) * x1;
            hi[j] = re(at(u, 2)) * x0 + re(at(u, 3)) * x1;
        }
    });
}

// The derivative term Σ λ·(D x) is accumulated as sums of products λ_r·x_c (one FMA each, on
// independent chains) and combined with the entries of D once at the end.
template <bool update_lambda>
double real_adjoint_step(double* psi, double* lambda, int target, const Matrix2& u_inverse,
                         const Matrix2& d, size_t begin, size_t end) {
    const RealMatrix v = real_matrix(u_inverse, target), dm = real_matrix(d, target);
    size_t p = begin;
    if (target < 2) {
        // Register at amplitude i holds two whole pairs: Σ λ⊙(diag⊙x + off⊙partner(x)).
        __m256d same = _mm256_setzero_pd(), crossed = _mm256_setzero_pd();
        for (; p + 2 <= end; p += 2) {
            const __m256d x = in_register(v, _mm256_loadu_pd(psi + 2 * p), target);
            _mm256_storeu_pd(psi + 2 * p, x);
            const __m256d l = _mm256_loadu_pd(lambda + 2 * p);
            same = _mm256_fmadd_pd(l, x, same);
            crossed = _mm256_fmadd_pd(l, real_partner(x, target), crossed);
            if (update_lambda) _mm256_storeu_pd(lambda + 2 * p, in_register(v, l, target));
        }
        double total = horizontal_sum(
            _mm256_fmadd_pd(dm.off, crossed, _mm256_mul_pd(dm.diag, same)));
        if (p < end)
            total += scalar_real().adjoint_step_1q(psi, lambda, target, u_inverse, d,
                                                   update_lambda, p, end);
        return total;
    }
    const size_t bit = size_t{1} << target;
    // s_rc = Σ λ_r x_c over the pairs (r, c ∈ {0, 1}).
    __m256d s00 = _mm256_setzero_pd(), s01 = _mm256_setzero_pd(), s10 = _mm256_setzero_pd(),
            s11 = _mm256_setzero_pd();
    double tail = 0.0;
    for_each_pair_run(target, begin, end, [&](size_t i0, size_t count) {
        double* plo = psi + i0;
        double* phi = plo + bit;
        double* llo = lambda + i0;
        double* lhi = llo + bit;
        size_t j = 0;
        for (; j + 4 <= count; j += 4) {
            const __m256d p0 = _mm256_loadu_pd(plo + j), p1 = _mm256_loadu_pd(phi + j);
            const __m256d x0 = _mm256_fmadd_pd(v.m01, p1, _mm256_mul_pd(v.m00, p0));
            const __m256d x1 = _mm256_fmadd_pd(v.m11, p1, _mm256_mul_pd(v.m10, p0));
            _mm256_storeu_pd(plo + j, x0);
            _mm256_storeu_pd(phi + j, x1);
            const __m256d l0 = _mm256_loadu_pd(llo + j), l1 = _mm256_loadu_pd(lhi + j);
            s00 = _mm256_fmadd_pd(l0, x0, s00);
            s01 = _mm256_fmadd_pd(l0, x1, s01);
            s10 = _mm256_fmadd_pd(l1, x0, s10);
            s11 = _mm256_fmadd_pd(l1, x1, s11);
            if (update_lambda) {
                _mm256_storeu_pd(llo + j, _mm256_fmadd_pd(v.m01, l1, _mm256_mul_pd(v.m00, l0)));
                _mm256_storeu_pd(lhi + j, _mm256_fmadd_pd(v.m11, l1, _mm256_mul_pd(v.m10, l0)));
            }
        }
        for (; j < count; ++j) {
            const double x0 = re(at(u_inverse, 0)) * plo[j] + re(at(u_inverse, 1)) * phi[j];
            const double x1 = re(at(u_inverse, 2)) * plo[j] + re(at(u_inverse, 3)) * phi[j];
            plo[j] = x0;
            phi[j] = x1;
            const double l0 = llo[j], l1 = lhi[j];
            tail += l0 * (re(at(d, 0)) * x0 + re(at(d, 1)) * x1) +
                    l1 * (re(at(d, 2)) * x0 + re(at(d, 3)) * x1);
            if (update_lambda) {
                llo[j] = re(at(u_inverse, 0)) * l0 + re(at(u_inverse, 1)) * l1;
                lhi[j] = re(at(u_inverse, 2)) * l0 + re(at(u_inverse, 3)) * l1;
            }
        }
    });
    const __m256d total = _mm256_fmadd_pd(
        dm.m00, s00,
        _mm256_fmadd_pd(dm.m01, s01, _mm256_fmadd_pd(dm.m10, s10, _mm256_mul_pd(dm.m11, s11))));
    return horizontal_sum(total) + tail;
}

double real_adjoint_step_1q(double* psi, double* lambda, int target, const Matrix2& u_inverse,
                            const Matrix2& d, bool update_lambda, size_t begin, size_t end) {
    return update_lambda ? real_adjoint_step<true>(psi, lambda, target, u_inverse, d, begin, end)
                         : real_adjoint_step<false>(psi, lambda, target, u_inverse, d, begin, end);
}

void real_controlled_diagonal_1q(double* a, int control, int target, Complex d0, Complex d1,
                                 size_t begin, size_t end) {
    if (control < 2 || target < 2) {
        scalar_real().controlled_diagonal_1q(a, control, target, d0, d1, begin, end);
        return;
    }
    const __m256d e0 = _mm256_set1_pd(re(d0)), e1 = _mm256_set1_pd(re(d1));
    const bool touch_zero_half = !is_one(d0);
    const size_t cbit = size_t{1} << control, tbit = size_t{1} << target;
    size_t k = begin;
    for (; k + 4 <= end; k += 4) {  // quads k..k+3 are adjacent
        double* lo = a + (insert_two_bits(k, control, target) | cbit);
        double* hi = lo + tbit;
        if (touch_zero_half) _mm256_storeu_pd(lo, _mm256_mul_pd(e0, _mm256_loadu_pd(lo)));
        _mm256_storeu_pd(hi, _mm256_mul_pd(e1, _mm256_loadu_pd(hi)));
    }
    if (k < end) scalar_real().controlled_diagonal_1q(a, control, target, d0, d1, k, end);
}

void real_multiply_diagonal(double* a, const double* d, bool, size_t begin, size_t end) {
    size_t i = begin;  // real diagonal entries are their own conjugates
    for (; i + 4 <= end; i += 4)
        _mm256_storeu_pd(a + i, _mm256_mul_pd(_mm256_loadu_pd(d + i), _mm256_loadu_pd(a + i)));
    if (i < end) scalar_real().multiply_diagonal(a, d, false, i, end);
}

// Two independent accumulators (sum, sum2) hide the FMA latency of the dot product.
double real_matrix_element_1q(const double* bra, const double* ket, int control, int target,
                              const Matrix2& m, size_t begin, size_t end) {
    if (control >= 0) return scalar_real().matrix_element_1q(bra, ket, control, target, m, begin, end);
    __m256d sum = _mm256_setzero_pd(), sum2 = _mm256_setzero_pd();
    size_t p = begin;
    if (target < 2) {
        const __m256d diag = real_per_lane(re(at(m, 0)), re(at(m, 3)), target);
        const __m256d off = real_per_lane(re(at(m, 1)), re(at(m, 2)), target);
        for (; p + 4 <= end; p += 4) {
            const __m256d k = _mm256_loadu_pd(ket + 2 * p), k2 = _mm256_loadu_pd(ket + 2 * p + 4);
            const __m256d mk = _mm256_fmadd_pd(off, real_partner(k, target), _mm256_mul_pd(diag, k));
            const __m256d mk2 =
                _mm256_fmadd_pd(off, real_partner(k2, target), _mm256_mul_pd(diag, k2));
            sum = _mm256_fmadd_pd(_mm256_loadu_pd(bra + 2 * p), mk, sum);
            sum2 = _mm256_fmadd_pd(_mm256_loadu_pd(bra + 2 * p + 4), mk2, sum2);
        }
    } else {
        const __m256d m00 = _mm256_set1_pd(re(at(m, 0))), m01 = _mm256_set1_pd(re(at(m, 1))),
                      m10 = _mm256_set1_pd(re(at(m, 2))), m11 = _mm256_set1_pd(re(at(m, 3)));
        const size_t bit = size_t{1} << target;
        for (; p + 4 <= end; p += 4) {
            const size_t i0 = insert_bit(p, target);
            const __m256d k0 = _mm256_loadu_pd(ket + i0), k1 = _mm256_loadu_pd(ket + i0 + bit);
            const __m256d b0 = _mm256_loadu_pd(bra + i0), b1 = _mm256_loadu_pd(bra + i0 + bit);
            sum = _mm256_fmadd_pd(b0, _mm256_fmadd_pd(m01, k1, _mm256_mul_pd(m00, k0)), sum);
            sum2 = _mm256_fmadd_pd(b1, _mm256_fmadd_pd(m11, k1, _mm256_mul_pd(m10, k0)), sum2);
        }
    }
    double total = horizontal_sum(_mm256_add_pd(sum, sum2));
    if (p < end) total += scalar_real().matrix_element_1q(bra, ket, control, target, m, p, end);
    return total;
}

KernelBackend make_avx2_backend() {
    KernelBackend backend = scalar_backend();
    backend.name = "avx2";
    backend.complex_kernels.matrix_1q = complex_matrix_1q;
    backend.complex_kernels.diagonal_1q = complex_diagonal_1q;
    backend.complex_kernels.controlled_matrix_1q = complex_controlled_matrix_1q;
    backend.complex_kernels.controlled_diagonal_1q = complex_controlled_diagonal_1q;
    backend.complex_kernels.adjoint_step_1q = complex_adjoint_step_1q;
    backend.real_kernels.matrix_1q = real_matrix_1q;
    backend.real_kernels.controlled_diagonal_1q = real_controlled_diagonal_1q;
    backend.real_kernels.multiply_diagonal = real_multiply_diagonal;
    backend.real_kernels.adjoint_step_1q = real_adjoint_step_1q;
    backend.real_kernels.matrix_element_1q = real_matrix_element_1q;
    return backend;
}

}  // namespace

const KernelBackend& avx2_backend() {
    static const KernelBackend backend = make_avx2_backend();
    return backend;
}

}  // namespace qmlr::quantum
