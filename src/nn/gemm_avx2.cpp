// The AVX2+FMA 6×16 GEMM micro-kernel (layout in gemm_kernels.hpp). Twelve 8-float
// accumulators stay in registers for the whole k loop; each step loads two vectors of the B
// panel and broadcasts six values of the A panel. This file is compiled with -mavx2 -mfma and
// uses intrinsics only, so no inline function compiled here can leak into portable code.
#include <immintrin.h>

#include "nn/gemm_kernels.hpp"

namespace qmlr::nn::detail {

void gemm_kernel_avx2(std::size_t k, const float* a, const float* b, float* c, std::size_t ldc,
                      bool accumulate, std::size_t m_valid, std::size_t n_valid) {
    __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps();
    __m256 c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps();
    __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps();
    __m256 c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps();
    __m256 c40 = _mm256_setzero_ps(), c41 = _mm256_setzero_ps();
    __m256 c50 = _mm256_setzero_ps(), c51 = _mm256_setzero_ps();
    for (std::size_t p = 0; p < k; ++p) {
        const __m256 b0 = _mm256_loadu_ps(b);
        const __m256 b1 = _mm256_loadu_ps(b + 8);
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
        b += kGemmCols;
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

}  // namespace qmlr::nn::detail
