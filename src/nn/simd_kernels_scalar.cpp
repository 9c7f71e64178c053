// The portable kernels (simd_kernels.hpp) and the choice of kernel set.
#include <cmath>

#include "core/simd_level.hpp"
#include "nn/simd_kernels.hpp"

namespace qmlr::nn::detail {
namespace {

const SimdKernels& choose_kernels() {
    if constexpr (kAvx2KernelsBuilt)
        if (simd_level_from_environment() == SimdLevel::avx2) return kAvx2Kernels;
    return kScalarKernels;
}

}  // namespace

const SimdKernels& simd_kernels() {
    static const SimdKernels& kernels = choose_kernels();
    return kernels;
}

void broadcast_kernel_scalar(std::size_t k, const float* a, const float* b, float* c,
                             std::size_t ldc, bool accumulate, std::size_t m_valid,
                             std::size_t n_valid) {
    float tile[kGemmRows][kGemmCols] = {};
    for (std::size_t p = 0; p < k; ++p) {
        for (std::size_t r = 0; r < kGemmRows; ++r) {
            const float ar = a[r];
            for (std::size_t j = 0; j < kGemmCols; ++j) tile[r][j] += ar * b[j];
        }
        a += kGemmRows;
        b += kGemmCols;
    }
    for (std::size_t r = 0; r < m_valid; ++r) {
        float* row = c + r * ldc;
        for (std::size_t j = 0; j < n_valid; ++j) row[j] = accumulate ? row[j] + tile[r][j] : tile[r][j];
    }
}

void gathered_kernel_scalar(std::size_t k, const float* a, const float* lo, const float* hi,
                            const std::ptrdiff_t* offsets, float* c, std::size_t ldc,
                            bool accumulate, std::size_t m_valid, std::size_t n_valid) {
    float tile[kGemmRows][kGemmCols] = {};
    for (std::size_t p = 0; p < k; ++p) {
        float b[kGemmCols] = {};
        for (std::size_t j = 0; j < n_valid; ++j) b[j] = j < 8 ? lo[offsets[p] + static_cast<std::ptrdiff_t>(j)]
                                                               : hi[offsets[p] + static_cast<std::ptrdiff_t>(j - 8)];
        for (std::size_t r = 0; r < kGemmRows; ++r)
            for (std::size_t j = 0; j < kGemmCols; ++j) tile[r][j] += a[r] * b[j];
        a += kGemmRows;
    }
    for (std::size_t r = 0; r < m_valid; ++r) {
        float* row = c + r * ldc;
        for (std::size_t j = 0; j < n_valid; ++j) row[j] = accumulate ? row[j] + tile[r][j] : tile[r][j];
    }
}

void dot_kernel_scalar(std::size_t segments, std::size_t length, const float* const* a,
                       std::size_t a_step, const float* const* b, std::size_t b_step, float* c,
                       std::size_t ldc, bool accumulate, std::size_t m_valid, std::size_t n_valid) {
    for (std::size_t i = 0; i < m_valid; ++i)
        for (std::size_t j = 0; j < n_valid; ++j) {
            float sum = 0.0f;
            for (std::size_t s = 0; s < segments; ++s) {
                const float* x = a[i] + s * a_step;
                const float* y = b[j] + s * b_step;
                for (std::size_t t = 0; t < length; ++t) sum += x[t] * y[t];
            }
            c[i * ldc + j] = accumulate ? c[i * ldc + j] + sum : sum;
        }
}

void adam_kernel_scalar(const AdamCoefficients& k, const float* grad, float* w, float* m,
                        float* v, std::size_t n) {
    for (std::size_t j = 0; j < n; ++j) {
        const float g = grad[j] + k.decay * w[j];
        m[j] = k.beta1 * m[j] + (1.0f - k.beta1) * g;
        v[j] = k.beta2 * v[j] + (1.0f - k.beta2) * (g * g);
        w[j] -= (k.step_size * m[j]) / (std::sqrt(v[j]) * k.inv_sqrt_correction2 + k.eps);
    }
}

}  // namespace qmlr::nn::detail
