#include "nn/im2col.hpp"

#include <algorithm>
#include <cstring>

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

}  // namespace

void im2col(const ConvGeometry& g, const float* image, float* col) {
    const std::size_t ho = g.out_height, wo = g.out_width;
    for (std::size_t c = 0; c < g.channels; ++c) {
        const float* plane = image + c * g.height * g.width;
        for (std::size_t ky = 0; ky < g.kernel; ++ky) {
            std::size_t oy_first, oy_last;
            valid_range(ho, g.height, g.stride, g.padding, ky, oy_first, oy_last);
            for (std::size_t kx = 0; kx < g.kernel; ++kx) {
                std::size_t ox_first, ox_last;
                valid_range(wo, g.width, g.stride, g.padding, kx, ox_first, ox_last);
                float* row = col + ((c * g.kernel + ky) * g.kernel + kx) * ho * wo;
                std::fill(row, row + oy_first * wo, 0.0f);
                for (std::size_t oy = oy_first; oy < oy_last; ++oy) {
                    float* out = row + oy * wo;
                    const float* in = plane + (oy * g.stride + ky - g.padding) * g.width;
                    std::fill(out, out + ox_first, 0.0f);
                    if (g.stride == 1) {
                        const std::size_t count = ox_last - ox_first;
                        if (count > 0)
                            std::memcpy(out + ox_first, in + (ox_first + kx - g.padding),
                                        count * sizeof(float));
                    } else {
                        for (std::size_t ox = ox_first; ox < ox_last; ++ox)
                            out[ox] = in[ox * g.stride + kx - g.padding];
                    }
                    std::fill(out + ox_last, out + wo, 0.0f);
                }
                std::fill(row + oy_last * wo, row + ho * wo, 0.0f);
            }
        }
    }
}

void col2im(const ConvGeometry& g, const float* col, float* image) {
    const std::size_t ho = g.out_height, wo = g.out_width;
    std::fill(image, image + g.channels * g.height * g.width, 0.0f);
    for (std::size_t c = 0; c < g.channels; ++c) {
        float* plane = image + c * g.height * g.width;
        for (std::size_t ky = 0; ky < g.kernel; ++ky) {
            std::size_t oy_first, oy_last;
            valid_range(ho, g.height, g.stride, g.padding, ky, oy_first, oy_last);
            for (std::size_t kx = 0; kx < g.kernel; ++kx) {
                std::size_t ox_first, ox_last;
                valid_range(wo, g.width, g.stride, g.padding, kx, ox_first, ox_last);
                const float* row = col + ((c * g.kernel + ky) * g.kernel + kx) * ho * wo;
                for (std::size_t oy = oy_first; oy < oy_last; ++oy) {
                    const float* in = row + oy * wo;
                    float* out = plane + (oy * g.stride + ky - g.padding) * g.width;
                    for (std::size_t ox = ox_first; ox < ox_last; ++ox)
                        out[ox * g.stride + kx - g.padding] += in[ox];
                }
            }
        }
    }
}

}  // namespace qmlr::nn
