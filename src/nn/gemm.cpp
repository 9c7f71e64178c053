#include "nn/gemm.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "core/aligned_buffer.hpp"
#include "core/error.hpp"
#include "nn/batch_parallel.hpp"
#include "nn/gemm_kernels.hpp"
#include "nn/workspace.hpp"

namespace qmlr::nn {
namespace {

using detail::kGemmCols;
using detail::kGemmRows;

// Block sizes: a 256-deep B micro-panel is 16 KiB (L1), an A block of 96×256 is 96 KiB (L2).
constexpr std::size_t kDepthBlock = 256;
constexpr std::size_t kRowBlock = 96;
constexpr std::size_t kColBlock = 1024;
// Products with fewer multiply-adds run on one thread: splitting costs more than it saves.
constexpr std::size_t kParallelMinWork = std::size_t{1} << 20;
constexpr std::size_t kParallelTasks = 8;

bool cpu_has_avx2_fma() {
#if defined(__x86_64__) || defined(__i386__)
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return false;
#endif
}

detail::GemmMicroKernel choose_kernel() {
    const char* env = std::getenv("QML_SIMD");
    if (env != nullptr && *env != '\0') {
        const std::string wanted(env);
        if (wanted == "scalar") return detail::gemm_kernel_scalar;
        if (wanted != "avx2")
            throw Error("QML_SIMD must be 'scalar' or 'avx2', got '" + wanted +
                        "'; unset it to choose by CPUID");
        require(cpu_has_avx2_fma(),
                "QML_SIMD=avx2 asks for AVX2+FMA kernels, but this CPU does not support them; "
                "unset QML_SIMD or set QML_SIMD=scalar");
        return detail::gemm_kernel_avx2;
    }
    return cpu_has_avx2_fma() ? detail::gemm_kernel_avx2 : detail::gemm_kernel_scalar;
}

detail::GemmMicroKernel active_kernel() {
    static const detail::GemmMicroKernel kernel = choose_kernel();
    return kernel;
}

// op(A) rows [i0, i0+rows), columns [p0, p0+depth) -> 6-row panels, zero-padded.
void pack_a(GemmOperand a, std::size_t i0, std::size_t rows, std::size_t p0, std::size_t depth,
            float* out) {
    for (std::size_t r0 = 0; r0 < rows; r0 += kGemmRows) {
        const std::size_t valid = std::min(kGemmRows, rows - r0);
        for (std::size_t p = 0; p < depth; ++p) {
            for (std::size_t r = 0; r < kGemmRows; ++r) {
                const std::size_t i = i0 + r0 + r, col = p0 + p;
                out[r] = r >= valid ? 0.0f
                         : a.transposed ? a.data[col * a.stride + i]
                                        : a.data[i * a.stride + col];
            }
            out += kGemmRows;
        }
    }
}

// op(B) rows [p0, p0+depth), columns [j0, j0+cols) -> 16-column panels, zero-padded.
void pack_b(GemmOperand b, std::size_t p0, std::size_t depth, std::size_t j0, std::size_t cols,
            float* out) {
    for (std::size_t c0 = 0; c0 < cols; c0 += kGemmCols) {
        const std::size_t valid = std::min(kGemmCols, cols - c0);
        for (std::size_t p = 0; p < depth; ++p) {
            const std::size_t row = p0 + p;
            if (!b.transposed) {
                const float* src = b.data + row * b.stride + j0 + c0;
                std::size_t j = 0;
                for (; j < valid; ++j) out[j] = src[j];
                for (; j < kGemmCols; ++j) out[j] = 0.0f;
            } else {
                for (std::size_t j = 0; j < kGemmCols; ++j)
                    out[j] = j < valid ? b.data[(j0 + c0 + j) * b.stride + row] : 0.0f;
            }
            out += kGemmCols;
        }
    }
}

std::size_t round_up(std::size_t value, std::size_t multiple) {
    return (value + multiple - 1) / multiple * multiple;
}

// The product restricted to rows [i_begin, i_end) and columns [j_begin, j_end) of C.
void gemm_tile(std::size_t i_begin, std::size_t i_end, std::size_t j_begin, std::size_t j_end,
               std::size_t k, GemmOperand a, GemmOperand b, float* c, std::size_t ldc,
               bool accumulate) {
    thread_local AlignedBuffer<float> a_buffer, b_buffer;  // packing, per thread, kept
    const detail::GemmMicroKernel kernel = active_kernel();
    for (std::size_t jc = j_begin; jc < j_end; jc += kColBlock) {
        const std::size_t cols = std::min(kColBlock, j_end - jc);
        for (std::size_t pc = 0; pc < k; pc += kDepthBlock) {
            const std::size_t depth = std::min(kDepthBlock, k - pc);
            float* b_packed = ensure_capacity(b_buffer, round_up(cols, kGemmCols) * depth);
            pack_b(b, pc, depth, jc, cols, b_packed);
            const bool add = accumulate || pc > 0;
            for (std::size_t ic = i_begin; ic < i_end; ic += kRowBlock) {
                const std::size_t rows = std::min(kRowBlock, i_end - ic);
                float* a_packed = ensure_capacity(a_buffer, round_up(rows, kGemmRows) * depth);
                pack_a(a, ic, rows, pc, depth, a_packed);
                for (std::size_t jr = 0; jr < cols; jr += kGemmCols) {
                    const float* b_panel = b_packed + jr * depth;
                    for (std::size_t ir = 0; ir < rows; ir += kGemmRows) {
                        kernel(depth, a_packed + ir * depth, b_panel,
                               c + (ic + ir) * ldc + jc + jr, ldc, add,
                               std::min(kGemmRows, rows - ir), std::min(kGemmCols, cols - jr));
                    }
                }
            }
        }
    }
}

}  // namespace

void gemm(std::size_t m, std::size_t n, std::size_t k, GemmOperand a, GemmOperand b, float* c,
          std::size_t ldc, bool accumulate) {
    if (m == 0 || n == 0) return;
    if (k == 0) {
        if (!accumulate)
            for (std::size_t i = 0; i < m; ++i) std::fill(c + i * ldc, c + i * ldc + n, 0.0f);
        return;
    }
    if (m * n * k < kParallelMinWork) {
        gemm_tile(0, m, 0, n, k, a, b, c, ldc, accumulate);
        return;
    }
    // Every element of C sees the same depth blocks in the same order however M and N are cut,
    // so the split below changes nothing in the result.
    if (n >= m) {
        const std::size_t step = round_up((n + kParallelTasks - 1) / kParallelTasks, kGemmCols);
        parallel_range(n, step, [&](std::size_t begin, std::size_t end) {
            gemm_tile(0, m, begin, end, k, a, b, c, ldc, accumulate);
        });
    } else {
        const std::size_t step = round_up((m + kParallelTasks - 1) / kParallelTasks, kGemmRows);
        parallel_range(m, step, [&](std::size_t begin, std::size_t end) {
            gemm_tile(begin, end, 0, n, k, a, b, c, ldc, accumulate);
        });
    }
}

const char* gemm_kernel_name() {
    return active_kernel() == detail::gemm_kernel_avx2 ? "avx2" : "scalar";
}

namespace detail {

void gemm_kernel_scalar(std::size_t k, const float* a, const float* b, float* c,
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

}  // namespace detail
}  // namespace qmlr::nn
