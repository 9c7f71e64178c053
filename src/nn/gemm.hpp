#pragma once
// Single-precision matrix multiply for the layers: C = op(A)·op(B) (+ C), row-major.
//
//   op(A) is M×K: A[i*lda + k], or A[k*lda + i] when trans_a (A stored K×M)
//   op(B) is K×N: B[k*ldb + j], or B[j*ldb + k] when trans_b (B stored N×K)
//   C     is M×N: C[i*ldc + j]
//
// Blocked and packed (BLIS-style): panels of 6 rows of op(A) and 16 columns of op(B) feed a
// 6×16 register-tiled micro-kernel, AVX2+FMA when the CPU has it (chosen once by CPUID;
// QML_SIMD=scalar forces the portable kernel), else portable C++. Each element of C is the
// same sequence of operations whatever the thread count or the tiling of M and N, so results
// are bit-identical for any number of threads. Large products are split over threads by
// output tiles; called from inside a parallel chunk, a product runs on the calling thread.
#include <cstddef>

namespace qmlr::nn {

struct GemmOperand {
    const float* data;
    std::size_t stride;      // elements between consecutive stored rows
    bool transposed = false;
};

// C (m×n, row stride ldc) = op(A)·op(B), or C += op(A)·op(B) when accumulate.
void gemm(std::size_t m, std::size_t n, std::size_t k, GemmOperand a, GemmOperand b, float* c,
          std::size_t ldc, bool accumulate);

// Name of the micro-kernel in use: "avx2" or "scalar".
const char* gemm_kernel_name();

}  // namespace qmlr::nn
