#pragma once
// Single-precision matrix multiply for the layers: C = op(A)·op(B) (+ C), row-major.
//
//   op(A) is M×K: A[i*lda + k], or A[k*lda + i] when trans_a (A stored K×M)
//   op(B) is K×N: B[k*ldb + j], or B[j*ldb + k] when trans_b (B stored N×K)
//   C     is M×N: C[i*ldc + j]
//
// Two routes, chosen by the transposes and the shape (never by the thread count):
//   A·Bᵀ with A and B stored row-major (both contiguous along k) and A of at most 131072
//   elements (or fewer than 6 rows or 16 columns): 3×4 tiles of dot products read the
//   operands in place (training-batch Linear forwards, convolution weight gradients through
//   gemm_segmented_dot);
//   otherwise blocked and packed (BLIS-style): panels of 6 rows of op(A) and 16 columns of
//   op(B) feed a 6×16 register-tiled broadcast micro-kernel.
// Kernels are AVX2+FMA when the CPU has them (chosen once by CPUID; QML_SIMD=scalar forces
// the portable ones). Each element of C is the same sequence of operations whatever the
// thread count or the tiling of M and N, so results are bit-identical for any number of
// threads. Large products are split over threads by output tiles; called from inside a
// parallel loop, a product runs on the calling thread.
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

// Name of the micro-kernels in use: "avx2" or "scalar".
const char* gemm_kernel_name();

// Products with a fixed left operand (a layer's weights) and a right operand built 16 columns
// at a time (a convolution's unfolded input), so neither is copied twice:
//   pack_lhs:       op(A) (m×k) -> packed form, packed_lhs_size(m, k) floats
//   gemm_lhs_panel: C (m × n_valid) (+)= A · P for a k×16 panel P (P[p*16 + j]; columns
//                   from n_valid on are ignored), C with row stride ldc
inline constexpr std::size_t kPanelWidth = 16;
std::size_t packed_lhs_size(std::size_t m, std::size_t k);
void pack_lhs(GemmOperand a, std::size_t m, std::size_t k, float* out);
void gemm_lhs_panel(std::size_t m, std::size_t k, const float* a_packed, const float* panel,
                    std::size_t n_valid, float* c, std::size_t ldc, bool accumulate);
// The same with the panel read in place: row p is lo[offsets[p] + j] for columns j < 8 and
// hi[offsets[p] + j − 8] for 8 <= j < 16; only columns below n_valid are read.
void gemm_lhs_gathered(std::size_t m, std::size_t k, const float* a_packed, const float* lo,
                       const float* hi, const std::ptrdiff_t* offsets, std::size_t n_valid,
                       float* c, std::size_t ldc, bool accumulate);

// A·Bᵀ with both operands read in place in `segments` pieces of `length` values:
//   C[i][j] (+)= Σ_s Σ_{t<length} a[i·lda + s·a_step + t] · b[b_offsets[j] + s·b_step + t]
// (a convolution's weight gradient: A = output gradient, B = its input, one output row per
// segment). Runs on the calling thread.
void gemm_segmented_dot(std::size_t m, std::size_t n, std::size_t segments, std::size_t length,
                        const float* a, std::size_t lda, std::size_t a_step, const float* b,
                        const std::ptrdiff_t* b_offsets, std::size_t b_step, float* c,
                        std::size_t ldc, bool accumulate);

}  // namespace qmlr::nn
