#include "nn/im2col.hpp"

#include <algorithm>
#include <type_traits>

namespace qmlr::nn {
namespace {

// Output columns ox whose input column ox·s − p + kx lies inside [0, W): [first, last).
void valid_range(std::size_t out_size, std::size_t in_size, std::size_t stride,
                 std::size_t padding, std::size_t offset, std::size_t& first, std::size_t& last) {
    // in = o·s + offset − p must satisfy 0 <= in < in_size.
    first = offset >= padding ? 0 : (padding - offset + stride - 1) / stride;
    const std::size_t limit = in_size + padding - offset;  // o·s < limit
    last = offset >= in_size + padding ? 0 : std::min(out_size, (limit + stride - 1) / stride);
    if (first > last) first = last;
}

// The panel columns p0 .. p0+count−1 cut into runs that lie in one output row: run t covers
// panel columns [first_j, first_j + length) = output row oy, columns [ox, ox + length).
struct Run {
    std::size_t first_j, length, oy, ox;
};

template <class F>
void for_each_run(const ConvGeometry& g, std::size_t p0, std::size_t count, F&& body) {
    std::size_t j = 0;
    while (j < count) {
        const std::size_t p = p0 + j;
        const std::size_t oy = p / g.out_width, ox = p % g.out_width;
        const std::size_t length = std::min(count - j, g.out_width - ox);
        body(Run{j, length, oy, ox});
        j += length;
    }
}

// body(n) with n a compile-time constant for the common row lengths (the loop inside then
// unrolls into whole vectors), else with n at run time.
template <class F>
void with_length(std::size_t n, F&& body) {
    switch (n) {
        case 8: return body(std::integral_constant<std::size_t, 8>{});
        case 16: return body(std::integral_constant<std::size_t, 16>{});
        case 24: return body(std::integral_constant<std::size_t, 24>{});
        case 32: return body(std::integral_constant<std::size_t, 32>{});
        default: return body(n);
    }
}

}  // namespace

void UnfoldPlan::compute(const ConvGeometry& g) {
    row_first.resize(g.kernel);
    row_last.resize(g.kernel);
    col_first.resize(g.kernel);
    col_last.resize(g.kernel);
    for (std::size_t k = 0; k < g.kernel; ++k) {
        valid_range(g.out_height, g.height, g.stride, g.padding, k, row_first[k], row_last[k]);
        valid_range(g.out_width, g.width, g.stride, g.padding, k, col_first[k], col_last[k]);
    }
    inner_row_first = *std::max_element(row_first.begin(), row_first.end());
    inner_row_last = *std::min_element(row_last.begin(), row_last.end());
    inner_col_first = *std::max_element(col_first.begin(), col_first.end());
    inner_col_last = *std::min_element(col_last.begin(), col_last.end());
    unit_stride = g.stride == 1;
    offsets.resize(g.col_rows());
    for (std::size_t c = 0; c < g.channels; ++c)
        for (std::size_t ky = 0; ky < g.kernel; ++ky)
            for (std::size_t kx = 0; kx < g.kernel; ++kx)
                offsets[(c * g.kernel + ky) * g.kernel + kx] =
                    static_cast<std::ptrdiff_t>(c * g.height * g.width + ky * g.width + kx);
}

void im2col_panel(const ConvGeometry& g, const UnfoldPlan& plan, const float* image,
                  std::size_t p0, std::size_t count, float* panel) {
    const std::size_t rows = g.col_rows();
    if (count < kColPanel)
        for (std::size_t r = 0; r < rows; ++r)
            std::fill(panel + r * kColPanel + count, panel + (r + 1) * kColPanel, 0.0f);
    for_each_run(g, p0, count, [&](const Run& run) {
        for (std::size_t ky = 0; ky < g.kernel; ++ky) {
            const bool row_inside = run.oy >= plan.row_first[ky] && run.oy < plan.row_last[ky];
            // Input row oy·s + ky − p (>= 0 when inside).
            const std::size_t row_offset = row_inside ? (run.oy * g.stride + ky - g.padding) * g.width : 0;
            for (std::size_t kx = 0; kx < g.kernel; ++kx) {
                // Run positions t whose input column (ox + t)·s + kx − p is inside the image.
                const std::size_t end = run.ox + run.length;
                const std::size_t t0 = row_inside ? std::clamp(plan.col_first[kx], run.ox, end) - run.ox : run.length;
                const std::size_t t1 = row_inside ? std::max(t0 + run.ox, std::clamp(plan.col_last[kx], run.ox, end)) - run.ox : run.length;
                const std::size_t base = run.ox * g.stride + kx - g.padding;  // modular
                for (std::size_t c = 0; c < g.channels; ++c) {
                    const float* in = image + c * g.height * g.width + row_offset;
                    float* out = panel + ((c * g.kernel + ky) * g.kernel + kx) * kColPanel + run.first_j;
                    for (std::size_t t = 0; t < t0; ++t) out[t] = 0.0f;
                    if (g.stride == 1) {
                        float* o = out + t0;
                        const float* i = in + (base + t0);
                        with_length(t1 - t0, [&](auto n) {
                            for (std::size_t t = 0; t < n; ++t) o[t] = i[t];
                        });
                    } else
                        for (std::size_t t = t0; t < t1; ++t) out[t] = in[base + t * g.stride];
                    for (std::size_t t = t1; t < run.length; ++t) out[t] = 0.0f;
                }
            }
        }
    });
}

void im2col(const ConvGeometry& g, const UnfoldPlan& plan, const float* image, float* col) {
    const std::size_t ho = g.out_height, wo = g.out_width;
    for (std::size_t c = 0; c < g.channels; ++c) {
        const float* plane = image + c * g.height * g.width;
        for (std::size_t ky = 0; ky < g.kernel; ++ky) {
            const std::size_t oy_first = plan.row_first[ky], oy_last = plan.row_last[ky];
            for (std::size_t kx = 0; kx < g.kernel; ++kx) {
                const std::size_t ox_first = plan.col_first[kx], ox_last = plan.col_last[kx];
                const std::size_t shift = kx - g.padding;  // modular: ox·s + shift >= 0
                float* row = col + ((c * g.kernel + ky) * g.kernel + kx) * ho * wo;
                std::fill(row, row + oy_first * wo, 0.0f);
                for (std::size_t oy = oy_first; oy < oy_last; ++oy) {
                    float* out = row + oy * wo;
                    const float* in = plane + (oy * g.stride + ky - g.padding) * g.width;
                    std::fill(out, out + ox_first, 0.0f);
                    if (g.stride == 1) {
                        float* o = out + ox_first;
                        const float* i = in + (ox_first + shift);
                        with_length(ox_last - ox_first, [&](auto n) {
                            for (std::size_t t = 0; t < n; ++t) o[t] = i[t];
                        });
                    } else {
                        for (std::size_t ox = ox_first; ox < ox_last; ++ox) out[ox] = in[ox * g.stride + shift];
                    }
                    std::fill(out + ox_last, out + wo, 0.0f);
                }
                std::fill(row + oy_last * wo, row + ho * wo, 0.0f);
            }
        }
    }
}

void col2im(const ConvGeometry& g, const UnfoldPlan& plan, const float* col, float* image) {
    const std::size_t ho = g.out_height, wo = g.out_width;
    std::fill(image, image + g.channels * g.height * g.width, 0.0f);
    for (std::size_t c = 0; c < g.channels; ++c) {
        float* plane = image + c * g.height * g.width;
        for (std::size_t ky = 0; ky < g.kernel; ++ky) {
            const std::size_t oy_first = plan.row_first[ky], oy_last = plan.row_last[ky];
            for (std::size_t kx = 0; kx < g.kernel; ++kx) {
                const std::size_t ox_first = plan.col_first[kx], ox_last = plan.col_last[kx];
                const std::size_t shift = kx - g.padding;  // modular: ox·s + shift >= 0
                const float* row = col + ((c * g.kernel + ky) * g.kernel + kx) * ho * wo;
                for (std::size_t oy = oy_first; oy < oy_last; ++oy) {
                    const float* in = row + oy * wo;
                    float* out = plane + (oy * g.stride + ky - g.padding) * g.width;
                    if (g.stride == 1) {
                        float* o = out + (ox_first + shift);
                        const float* i = in + ox_first;
                        with_length(ox_last - ox_first, [&](auto n) {
                            for (std::size_t t = 0; t < n; ++t) o[t] += i[t];
                        });
                    } else {
                        for (std::size_t ox = ox_first; ox < ox_last; ++ox) out[ox * g.stride + shift] += in[ox];
                    }
                }
            }
        }
    }
}

}  // namespace qmlr::nn
