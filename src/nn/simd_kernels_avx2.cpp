// The AVX2+FMA kernels (simd_kernels.hpp). This file is compiled with
// -mavx2 -mfma and uses intrinsics only, so no inline function compiled here can leak into
// portable code.
#include <immintrin.h>

#include <cstdint>

#include "nn/simd_kernels.hpp"

namespace qmlr::nn::detail {

namespace {

// Lanes [0, count) set: loads of a partial vector never touch memory past the valid lanes.
__m256i tail_mask(std::size_t count) {
    alignas(32) static const std::int32_t bits[16] = {-1, -1, -1, -1, -1, -1, -1, -1,
                                                      0,  0,  0,  0,  0,  0,  0,  0};
    return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bits + 8 - count));
}

// The 6×16 tile: twelve 8-float accumulators stay in registers for the whole k loop; each
// step loads two vectors of B (load_b(p, b0, b1)) and broadcasts six values of the A panel.
template <class LoadB>
void broadcast_tile(std::size_t k, const float* a, LoadB load_b, float* c, std::size_t ldc,
                    bool accumulate, std::size_t m_valid, std::size_t n_valid) {
    __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps();
    __m256 c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps();
    __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps();
    __m256 c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps();
    __m256 c40 = _mm256_setzero_ps(), c41 = _mm256_setzero_ps();
    __m256 c50 = _mm256_setzero_ps(), c51 = _mm256_setzero_ps();
    for (std::size_t p = 0; p < k; ++p) {
        __m256 b0, b1;
        load_b(p, b0, b1);
        __m256 ar = _mm256_broadcast_ss(a + 0);
        c00 = _mm256_fmadd_ps(ar, b0, c00);
        c01 = _mm256_fmadd_ps(ar, b1, c01);
        ar = _mm256_broadcast_ss(a + 1);
        c10 = _mm256_fmadd_ps(ar, b0, c10);
        c11 = _mm256_fmadd_ps(ar, b1, c11);
        ar = _mm256_broadcast_ss(a + 2);
        c20 = _mm256_fmadd_ps(ar, b0, c20);
        c21 = _mm256_fmadd_ps(ar, b1, c21);
        ar = _mm256_broadcast_ss(a + 3);
        c30 = _mm256_fmadd_ps(ar, b0, c30);
        c31 = _mm256_fmadd_ps(ar, b1, c31);
        ar = _mm256_broadcast_ss(a + 4);
        c40 = _mm256_fmadd_ps(ar, b0, c40);
        c41 = _mm256_fmadd_ps(ar, b1, c41);
        ar = _mm256_broadcast_ss(a + 5);
        c50 = _mm256_fmadd_ps(ar, b0, c50);
        c51 = _mm256_fmadd_ps(ar, b1, c51);
        a += kGemmRows;
    }
    const __m256 rows[kGemmRows][2] = {{c00, c01}, {c10, c11}, {c20, c21},
                                       {c30, c31}, {c40, c41}, {c50, c51}};
    if (m_valid == kGemmRows && n_valid == kGemmCols) {
        for (std::size_t r = 0; r < kGemmRows; ++r) {
            float* row = c + r * ldc;
            __m256 lo = rows[r][0], hi = rows[r][1];
            if (accumulate) {
                lo = _mm256_add_ps(lo, _mm256_loadu_ps(row));
                hi = _mm256_add_ps(hi, _mm256_loadu_ps(row + 8));
            }
            _mm256_storeu_ps(row, lo);
            _mm256_storeu_ps(row + 8, hi);
        }
        return;
    }
    // Edge tile: spill to a local tile, then write the valid corner only.
    alignas(32) float tile[kGemmRows][kGemmCols];
    for (std::size_t r = 0; r < kGemmRows; ++r) {
        _mm256_store_ps(tile[r], rows[r][0]);
        _mm256_store_ps(tile[r] + 8, rows[r][1]);
    }
    for (std::size_t r = 0; r < m_valid; ++r) {
        float* row = c + r * ldc;
        for (std::size_t j = 0; j < n_valid; ++j) row[j] = accumulate ? row[j] + tile[r][j] : tile[r][j];
    }
}

}  // namespace

void broadcast_kernel_avx2(std::size_t k, const float* a, const float* b, float* c,
                           std::size_t ldc, bool accumulate, std::size_t m_valid,
                           std::size_t n_valid) {
    auto load = [b](std::size_t p, __m256& b0, __m256& b1) {
        b0 = _mm256_loadu_ps(b + p * kGemmCols);
        b1 = _mm256_loadu_ps(b + p * kGemmCols + 8);
    };
    broadcast_tile(k, a, load, c, ldc, accumulate, m_valid, n_valid);
}

void gathered_kernel_avx2(std::size_t k, const float* a, const float* lo, const float* hi,
                          const std::ptrdiff_t* offsets, float* c, std::size_t ldc,
                          bool accumulate, std::size_t m_valid, std::size_t n_valid) {
    if (n_valid == kGemmCols) {
        auto load = [=](std::size_t p, __m256& b0, __m256& b1) {
            b0 = _mm256_loadu_ps(lo + offsets[p]);
            b1 = _mm256_loadu_ps(hi + offsets[p]);
        };
        broadcast_tile(k, a, load, c, ldc, accumulate, m_valid, n_valid);
        return;
    }
    const __m256i mask_lo = tail_mask(n_valid < 8 ? n_valid : 8);
    const __m256i mask_hi = tail_mask(n_valid > 8 ? n_valid - 8 : 0);
    auto load = [=](std::size_t p, __m256& b0, __m256& b1) {
        b0 = _mm256_maskload_ps(lo + offsets[p], mask_lo);
        b1 = _mm256_maskload_ps(hi + offsets[p], mask_hi);
    };
    broadcast_tile(k, a, load, c, ldc, accumulate, m_valid, n_valid);
}

namespace {

// [Σ x0, Σ x1, Σ x2, Σ x3]: each sum is ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7)) of
// its lanes, whichever slot it occupies.
__m128 sum4(__m256 x0, __m256 x1, __m256 x2, __m256 x3) {
    const __m256 h = _mm256_hadd_ps(_mm256_hadd_ps(x0, x1), _mm256_hadd_ps(x2, x3));
    return _mm_add_ps(_mm256_castps256_ps128(h), _mm256_extractf128_ps(h, 1));
}

// A row of kDotCols running sums -> C[0, n_valid).
void store_row(float* c, const __m256 (&sums)[kDotCols], bool accumulate, std::size_t n_valid) {
    static_assert(kDotCols == 4, "one sum4 per row");
    const __m128 v = sum4(sums[0], sums[1], sums[2], sums[3]);
    if (n_valid == kDotCols) {
        _mm_storeu_ps(c, accumulate ? _mm_add_ps(v, _mm_loadu_ps(c)) : v);
        return;
    }
    alignas(16) float lanes[kDotCols];
    _mm_store_ps(lanes, v);
    for (std::size_t j = 0; j < n_valid; ++j) c[j] = accumulate ? c[j] + lanes[j] : lanes[j];
}

}  // namespace

// Dot kernel: a kDotRows×kDotCols tile of A·Bᵀ as 8-lane running sums along k, reduced at the
// end. Each step loads one vector of every A row, then one vector of each B row in turn and
// multiplies it into that column's accumulators: 3 + 1 + 12 of the 16 registers. Twelve
// independent sums cover the FMA latency, which the former 2×4 tile's eight did not (64×512×784
// on one core: 55 -> 95 GFLOP/s). Each element's lanes and their final reduction (sum4) are
// the same whatever the tile's shape, so the result does not depend on it.
void dot_kernel_avx2(std::size_t segments, std::size_t length, const float* const* a,
                     std::size_t a_step, const float* const* b, std::size_t b_step, float* c,
                     std::size_t ldc, bool accumulate, std::size_t m_valid, std::size_t n_valid) {
    __m256 sums[kDotRows][kDotCols];
    for (auto& row : sums)
        for (auto& sum : row) sum = _mm256_setzero_ps();
    const std::size_t full = length / 8 * 8;
    const __m256i mask = tail_mask(length - full);
    for (std::size_t s = 0; s < segments; ++s) {
        const float* x[kDotRows];
        const float* y[kDotCols];
        for (std::size_t r = 0; r < kDotRows; ++r) x[r] = a[r] + s * a_step;
        for (std::size_t j = 0; j < kDotCols; ++j) y[j] = b[j] + s * b_step;
        auto step = [&](auto load) {
            __m256 xv[kDotRows];
            for (std::size_t r = 0; r < kDotRows; ++r) xv[r] = load(x[r]);
            for (std::size_t j = 0; j < kDotCols; ++j) {
                const __m256 yv = load(y[j]);
                for (std::size_t r = 0; r < kDotRows; ++r) sums[r][j] = _mm256_fmadd_ps(xv[r], yv, sums[r][j]);
            }
        };
        for (std::size_t p = 0; p < full; p += 8)
            step([p](const float* row) { return _mm256_loadu_ps(row + p); });
        if (full < length)
            step([&](const float* row) { return _mm256_maskload_ps(row + full, mask); });
    }
    for (std::size_t r = 0; r < m_valid; ++r) store_row(c + r * ldc, sums[r], accumulate, n_valid);
}

// Adam, eight elements at a time with fused multiply-adds (the portable loop rounds each
// product separately, so the two agree to rounding, not bit for bit).
void adam_kernel_avx2(const AdamCoefficients& k, const float* grad, float* w, float* m,
                      float* v, std::size_t n) {
    const __m256 beta1 = _mm256_set1_ps(k.beta1), one_minus_beta1 = _mm256_set1_ps(1.0f - k.beta1);
    const __m256 beta2 = _mm256_set1_ps(k.beta2), one_minus_beta2 = _mm256_set1_ps(1.0f - k.beta2);
    const __m256 decay = _mm256_set1_ps(k.decay), step = _mm256_set1_ps(k.step_size);
    const __m256 scale = _mm256_set1_ps(k.inv_sqrt_correction2), eps = _mm256_set1_ps(k.eps);
    std::size_t j = 0;
    for (; j + 8 <= n; j += 8) {
        const __m256 wj = _mm256_loadu_ps(w + j);
        const __m256 g = _mm256_fmadd_ps(decay, wj, _mm256_loadu_ps(grad + j));
        const __m256 mj = _mm256_fmadd_ps(beta1, _mm256_loadu_ps(m + j), _mm256_mul_ps(one_minus_beta1, g));
        const __m256 vj = _mm256_fmadd_ps(beta2, _mm256_loadu_ps(v + j),
                                          _mm256_mul_ps(one_minus_beta2, _mm256_mul_ps(g, g)));
        const __m256 denominator = _mm256_fmadd_ps(_mm256_sqrt_ps(vj), scale, eps);
        _mm256_storeu_ps(m + j, mj);
        _mm256_storeu_ps(v + j, vj);
        _mm256_storeu_ps(w + j, _mm256_sub_ps(wj, _mm256_div_ps(_mm256_mul_ps(step, mj), denominator)));
    }
    if (j < n) adam_kernel_scalar(k, grad + j, w + j, m + j, v + j, n - j);
}

}  // namespace qmlr::nn::detail
