#include "nn/gemm.hpp"

#include <algorithm>

#include "core/aligned_buffer.hpp"
#include "nn/batch_parallel.hpp"
#include "nn/simd_kernels.hpp"
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
// A·Bᵀ with more A elements than this (512 KiB) takes the packed route (see gemm()).
constexpr std::size_t kPackedDotMaxA = 131072;
// op(A) packed once and shared by the column tasks up to this many floats (4 MiB).
constexpr std::size_t kSharedPackMaxA = std::size_t{1} << 20;

// op(A) rows [i0, i0+rows), columns [p0, p0+depth) -> 6-row panels, zero-padded. Each loop
// reads memory contiguously: a row of A (not transposed) or a stored row of Aᵀ (transposed).
void pack_a(GemmOperand a, std::size_t i0, std::size_t rows, std::size_t p0, std::size_t depth,
            float* out) {
    for (std::size_t r0 = 0; r0 < rows; r0 += kGemmRows, out += kGemmRows * depth) {
        const std::size_t valid = std::min(kGemmRows, rows - r0);
        if (!a.transposed) {
            for (std::size_t r = 0; r < valid; ++r) {
                const float* src = a.data + (i0 + r0 + r) * a.stride + p0;
                for (std::size_t p = 0; p < depth; ++p) out[p * kGemmRows + r] = src[p];
            }
            for (std::size_t r = valid; r < kGemmRows; ++r)
                for (std::size_t p = 0; p < depth; ++p) out[p * kGemmRows + r] = 0.0f;
        } else {
            for (std::size_t p = 0; p < depth; ++p) {
                const float* src = a.data + (p0 + p) * a.stride + i0 + r0;
                float* dst = out + p * kGemmRows;
                for (std::size_t r = 0; r < valid; ++r) dst[r] = src[r];
                for (std::size_t r = valid; r < kGemmRows; ++r) dst[r] = 0.0f;
            }
        }
    }
}

// op(B) rows [p0, p0+depth), columns [j0, j0+cols) -> 16-column panels, zero-padded, reading
// memory contiguously as pack_a does.
void pack_b(GemmOperand b, std::size_t p0, std::size_t depth, std::size_t j0, std::size_t cols,
            float* out) {
    for (std::size_t c0 = 0; c0 < cols; c0 += kGemmCols, out += kGemmCols * depth) {
        const std::size_t valid = std::min(kGemmCols, cols - c0);
        if (!b.transposed) {
            for (std::size_t p = 0; p < depth; ++p) {
                const float* src = b.data + (p0 + p) * b.stride + j0 + c0;
                float* dst = out + p * kGemmCols;
                for (std::size_t j = 0; j < valid; ++j) dst[j] = src[j];
                for (std::size_t j = valid; j < kGemmCols; ++j) dst[j] = 0.0f;
            }
        } else {
            for (std::size_t j = 0; j < valid; ++j) {
                const float* src = b.data + (j0 + c0 + j) * b.stride + p0;
                for (std::size_t p = 0; p < depth; ++p) out[p * kGemmCols + j] = src[p];
            }
            for (std::size_t j = valid; j < kGemmCols; ++j)
                for (std::size_t p = 0; p < depth; ++p) out[p * kGemmCols + j] = 0.0f;
        }
    }
}

std::size_t round_up(std::size_t value, std::size_t multiple) {
    return (value + multiple - 1) / multiple * multiple;
}

// op(A) whole, depth block after depth block, each as pack_a lays out rows [0, m): the panel
// of rows [i, i+6) of the block starting at depth pc is at pc·round_up(m, 6) + i·depth.
// Column tasks share it instead of each packing all of A again.
void pack_a_whole(GemmOperand a, std::size_t m, std::size_t k, float* out) {
    for (std::size_t pc = 0; pc < k; pc += kDepthBlock)
        pack_a(a, 0, m, pc, std::min(kDepthBlock, k - pc), out + pc * round_up(m, kGemmRows));
}

// The product restricted to rows [i_begin, i_end) and columns [j_begin, j_end) of C.
// a_whole: op(A) already packed by pack_a_whole, or nullptr to pack it block by block here.
void gemm_tile(std::size_t i_begin, std::size_t i_end, std::size_t j_begin, std::size_t j_end,
               std::size_t k, GemmOperand a, const float* a_whole, std::size_t m, GemmOperand b,
               float* c, std::size_t ldc, bool accumulate) {
    thread_local AlignedBuffer<float> a_buffer, b_buffer;  // packing, per thread, kept
    const detail::BroadcastKernel kernel = detail::simd_kernels().broadcast;
    for (std::size_t jc = j_begin; jc < j_end; jc += kColBlock) {
        const std::size_t cols = std::min(kColBlock, j_end - jc);
        for (std::size_t pc = 0; pc < k; pc += kDepthBlock) {
            const std::size_t depth = std::min(kDepthBlock, k - pc);
            float* b_packed = ensure_capacity(b_buffer, round_up(cols, kGemmCols) * depth);
            pack_b(b, pc, depth, jc, cols, b_packed);
            const bool add = accumulate || pc > 0;
            for (std::size_t ic = i_begin; ic < i_end; ic += kRowBlock) {
                const std::size_t rows = std::min(kRowBlock, i_end - ic);
                const float* a_packed = nullptr;
                if (a_whole != nullptr) {
                    a_packed = a_whole + pc * round_up(m, kGemmRows) + ic * depth;
                } else {
                    float* packed = ensure_capacity(a_buffer, round_up(rows, kGemmRows) * depth);
                    pack_a(a, ic, rows, pc, depth, packed);
                    a_packed = packed;
                }
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

// Columns [j_begin, j_end) of C = Σ over segments of A·Bᵀ (see gemm_segmented_dot): 3×4 dot
// tiles, four rows of B (in L1) against every three rows of A. b_row(j) gives row j of B.
template <class BRow>
void dot_tiles(std::size_t m, std::size_t j_begin, std::size_t j_end, std::size_t segments,
               std::size_t length, const float* a, std::size_t lda, std::size_t a_step,
               BRow b_row, std::size_t b_step, float* c, std::size_t ldc, bool accumulate) {
    const detail::DotKernel kernel = detail::simd_kernels().dot;
    for (std::size_t j = j_begin; j < j_end; j += detail::kDotCols) {
        const std::size_t n_valid = std::min(detail::kDotCols, j_end - j);
        const float* b_rows[detail::kDotCols];
        for (std::size_t t = 0; t < detail::kDotCols; ++t) b_rows[t] = b_row(j + std::min(t, n_valid - 1));
        for (std::size_t i = 0; i < m; i += detail::kDotRows) {
            const std::size_t m_valid = std::min(detail::kDotRows, m - i);
            const float* a_rows[detail::kDotRows];
            for (std::size_t t = 0; t < detail::kDotRows; ++t) a_rows[t] = a + (i + std::min(t, m_valid - 1)) * lda;
            kernel(segments, length, a_rows, a_step, b_rows, b_step, c + i * ldc + j, ldc,
                   accumulate, m_valid, n_valid);
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
    // A·Bᵀ with both stored row-major reads both operands along k directly: no packing. Once A
    // outgrows kPackedDotMaxA floats (half of L2) the dot kernel streams it from L3 for every
    // four rows of B, and packing B (once per column block) pays for itself (one core:
    // 1000×512×512 83 -> 91 GFLOP/s, 1000×120×256 77 -> 85). Training batches stay below it,
    // where the dot route is faster (64×512×784: 97 against 84 packed; 64×120×256 and
    // 256×120×256: 89 and 91 against 77 and 65).
    if (!a.transposed && b.transposed && (m * k <= kPackedDotMaxA || m < kGemmRows || n < kGemmCols)) {
        const std::size_t step = m * n * k < kParallelMinWork
                                     ? n
                                     : round_up((n + kParallelTasks - 1) / kParallelTasks, detail::kDotCols);
        parallel_for(n, step, [&](std::size_t begin, std::size_t end) {
            dot_tiles(m, begin, end, 1, k, a.data, a.stride, 0,
                      [&](std::size_t j) { return b.data + j * b.stride; }, 0, c, ldc, accumulate);
        });
        return;
    }
    if (m * n * k < kParallelMinWork) {
        gemm_tile(0, m, 0, n, k, a, nullptr, m, b, c, ldc, accumulate);
        return;
    }
    // Every element of C sees the same depth blocks in the same order however M and N are cut,
    // so the split below changes nothing in the result.
    if (n >= m) {
        // Each column task needs all of op(A): pack it once for all of them when it is small
        // (training products: 512×64 and 64×512, which 8 tasks would otherwise pack 8 times).
        const float* a_whole = nullptr;
        if (packed_lhs_size(m, k) <= kSharedPackMaxA) {
            thread_local AlignedBuffer<float> shared;
            float* packed = ensure_capacity(shared, packed_lhs_size(m, k));
            pack_a_whole(a, m, k, packed);
            a_whole = packed;
        }
        const std::size_t step = round_up((n + kParallelTasks - 1) / kParallelTasks, kGemmCols);
        parallel_for(n, step, [&](std::size_t begin, std::size_t end) {
            gemm_tile(0, m, begin, end, k, a, a_whole, m, b, c, ldc, accumulate);
        });
    } else {
        const std::size_t step = round_up((m + kParallelTasks - 1) / kParallelTasks, kGemmRows);
        parallel_for(m, step, [&](std::size_t begin, std::size_t end) {
            gemm_tile(begin, end, 0, n, k, a, nullptr, m, b, c, ldc, accumulate);
        });
    }
}

const char* gemm_kernel_name() { return detail::simd_kernels().name; }

std::size_t packed_lhs_size(std::size_t m, std::size_t k) { return round_up(m, kGemmRows) * k; }

void pack_lhs(GemmOperand a, std::size_t m, std::size_t k, float* out) { pack_a(a, 0, m, 0, k, out); }

void gemm_lhs_panel(std::size_t m, std::size_t k, const float* a_packed, const float* panel,
                    std::size_t n_valid, float* c, std::size_t ldc, bool accumulate) {
    const detail::BroadcastKernel kernel = detail::simd_kernels().broadcast;
    for (std::size_t i = 0; i < m; i += kGemmRows)
        kernel(k, a_packed + i * k, panel, c + i * ldc, ldc, accumulate,
               std::min(kGemmRows, m - i), n_valid);
}

void gemm_lhs_gathered(std::size_t m, std::size_t k, const float* a_packed, const float* lo,
                       const float* hi, const std::ptrdiff_t* offsets, std::size_t n_valid,
                       float* c, std::size_t ldc, bool accumulate) {
    const detail::GatheredKernel kernel = detail::simd_kernels().gathered;
    for (std::size_t i = 0; i < m; i += kGemmRows)
        kernel(k, a_packed + i * k, lo, hi, offsets, c + i * ldc, ldc, accumulate,
               std::min(kGemmRows, m - i), n_valid);
}

void gemm_segmented_dot(std::size_t m, std::size_t n, std::size_t segments, std::size_t length,
                        const float* a, std::size_t lda, std::size_t a_step, const float* b,
                        const std::ptrdiff_t* b_offsets, std::size_t b_step, float* c,
                        std::size_t ldc, bool accumulate) {
    dot_tiles(m, 0, n, segments, length, a, lda, a_step,
              [&](std::size_t j) { return b + b_offsets[j]; }, b_step, c, ldc, accumulate);
}

}  // namespace qmlr::nn
