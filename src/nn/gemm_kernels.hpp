#pragma once
// Internal to gemm.cpp: the 6×16 micro-kernels and their packed-panel layout.
//
// a: k×6 packed panel, a[p*6 + r] = op(A)(row r, column p); rows past the matrix are 0.
// b: k×16 packed panel, b[p*16 + j] = op(B)(row p, column j); columns past the matrix are 0.
// c: the m_valid×n_valid corner of the tile, row stride ldc. C = a·b, or C += a·b when
// accumulate. Only the valid corner is read or written.
#include <cstddef>

namespace qmlr::nn::detail {

inline constexpr std::size_t kGemmRows = 6;
inline constexpr std::size_t kGemmCols = 16;

using GemmMicroKernel = void (*)(std::size_t k, const float* a, const float* b, float* c,
                                 std::size_t ldc, bool accumulate, std::size_t m_valid,
                                 std::size_t n_valid);

void gemm_kernel_scalar(std::size_t k, const float* a, const float* b, float* c,
                        std::size_t ldc, bool accumulate, std::size_t m_valid,
                        std::size_t n_valid);
// Compiled with -mavx2 -mfma: call only when the CPU supports both.
void gemm_kernel_avx2(std::size_t k, const float* a, const float* b, float* c, std::size_t ldc,
                      bool accumulate, std::size_t m_valid, std::size_t n_valid);

}  // namespace qmlr::nn::detail
