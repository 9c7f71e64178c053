#pragma once
// Internal to nn/: the hot loops that have an AVX2+FMA version beside the portable one (the
// GEMM micro-kernels and the Adam update), and the one set chosen at start-up (CPUID;
// QML_SIMD=scalar|avx2 forces one).
//
// Broadcast kernel, 6×16 tile on packed panels:
//   a: k×6 panel, a[p*6 + r] = op(A)(r, p), rows past the matrix 0
//   b: k×16 panel, b[p*16 + j] = op(B)(p, j), columns past the matrix 0
//   C[r][j] (+)= Σ_p a[p*6 + r]·b[p*16 + j] for r < m_valid, j < n_valid (row stride ldc)
// Gathered kernel, the broadcast kernel with B read in place: row p of the 16-wide panel is
//   B(p, j) = lo[offsets[p] + j] for j < 8, hi[offsets[p] + j − 8] for j >= 8
// (a convolution reads its input this way, no unfolding). Lanes j >= n_valid are not loaded.
// Dot kernel, 3×4 tile of C = A·Bᵀ with rows read along k in `segments` pieces of `length`:
//   C[i][j] (+)= Σ_s Σ_{t<length} a[i][s*a_step + t] · b[j][s*b_step + t]
// for i < m_valid, j < n_valid. a must hold kDotRows (3) row pointers and b kDotCols (4)
// whatever m_valid and n_valid are: the vector kernel loads every slot, so the unused ones must
// repeat a valid row (each pointer readable for segments pieces of length floats).
// One segment is a plain A·Bᵀ of row-major operands; several read a convolution's input in
// place, one output row at a time.
// Only the valid corner of C is read or written.
#include <cstddef>

namespace qmlr::nn::detail {

inline constexpr std::size_t kGemmRows = 6;
inline constexpr std::size_t kGemmCols = 16;
inline constexpr std::size_t kDotRows = 3;
inline constexpr std::size_t kDotCols = 4;

using BroadcastKernel = void (*)(std::size_t k, const float* a, const float* b, float* c,
                                 std::size_t ldc, bool accumulate, std::size_t m_valid,
                                 std::size_t n_valid);
using GatheredKernel = void (*)(std::size_t k, const float* a, const float* lo, const float* hi,
                                const std::ptrdiff_t* offsets, float* c, std::size_t ldc,
                                bool accumulate, std::size_t m_valid, std::size_t n_valid);
using DotKernel = void (*)(std::size_t segments, std::size_t length, const float* const* a,
                           std::size_t a_step, const float* const* b, std::size_t b_step,
                           float* c, std::size_t ldc, bool accumulate, std::size_t m_valid,
                           std::size_t n_valid);

// Adam on n elements (the formula of adam.hpp): g = grad + decay·w; m, v updated;
// w -= step_size·m / (√v·inv_sqrt_c2 + eps). The AVX2 version fuses multiply-adds, so the two
// versions agree to rounding.
struct AdamCoefficients {
    float beta1, beta2, eps, decay, step_size, inv_sqrt_correction2;
};
using AdamKernel = void (*)(const AdamCoefficients& k, const float* grad, float* w, float* m,
                            float* v, std::size_t n);

struct SimdKernels {
    BroadcastKernel broadcast;
    GatheredKernel gathered;
    DotKernel dot;
    AdamKernel adam;
    const char* name;
};

void broadcast_kernel_scalar(std::size_t k, const float* a, const float* b, float* c,
                             std::size_t ldc, bool accumulate, std::size_t m_valid,
                             std::size_t n_valid);
void gathered_kernel_scalar(std::size_t k, const float* a, const float* lo, const float* hi,
                            const std::ptrdiff_t* offsets, float* c, std::size_t ldc,
                            bool accumulate, std::size_t m_valid, std::size_t n_valid);
void dot_kernel_scalar(std::size_t segments, std::size_t length, const float* const* a,
                       std::size_t a_step, const float* const* b, std::size_t b_step, float* c,
                       std::size_t ldc, bool accumulate, std::size_t m_valid, std::size_t n_valid);
void adam_kernel_scalar(const AdamCoefficients& k, const float* grad, float* w, float* m,
                        float* v, std::size_t n);
// Compiled with -mavx2 -mfma: call only when the CPU supports both.
void broadcast_kernel_avx2(std::size_t k, const float* a, const float* b, float* c,
                           std::size_t ldc, bool accumulate, std::size_t m_valid,
                           std::size_t n_valid);
void gathered_kernel_avx2(std::size_t k, const float* a, const float* lo, const float* hi,
                          const std::ptrdiff_t* offsets, float* c, std::size_t ldc,
                          bool accumulate, std::size_t m_valid, std::size_t n_valid);
void dot_kernel_avx2(std::size_t segments, std::size_t length, const float* const* a,
                     std::size_t a_step, const float* const* b, std::size_t b_step, float* c,
                     std::size_t ldc, bool accumulate, std::size_t m_valid, std::size_t n_valid);

void adam_kernel_avx2(const AdamCoefficients& k, const float* grad, float* w, float* m,
                      float* v, std::size_t n);

inline constexpr SimdKernels kScalarKernels{broadcast_kernel_scalar, gathered_kernel_scalar,
                                            dot_kernel_scalar, adam_kernel_scalar, "scalar"};
inline constexpr SimdKernels kAvx2Kernels{broadcast_kernel_avx2, gathered_kernel_avx2,
                                          dot_kernel_avx2, adam_kernel_avx2, "avx2"};

// The set in use, chosen on first call.
const SimdKernels& simd_kernels();

}  // namespace qmlr::nn::detail
