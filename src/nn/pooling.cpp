#include "nn/pooling.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>

#include "core/error.hpp"
#include "nn/batch_parallel.hpp"

namespace qmlr::nn {
namespace {

// body(plane) for every plane (image channel), planes split over threads. Each input plane
// feeds one output plane only, so threads never write the same gradient.
template <class F>
void for_each_plane(const PoolGeometry& g, F&& body) {
    parallel_for(g.planes, std::max<std::size_t>(1, (g.planes + 63) / 64),
                 [&](std::size_t begin, std::size_t end) {
                     for (std::size_t p = begin; p < end; ++p) body(p);
                 });
}

// body(output pixel index, offset of the window's top-left input pixel in the plane).
template <class F>
void for_each_window(const PoolGeometry& g, F&& body) {
    for (std::size_t oy = 0; oy < g.out_height; ++oy)
        for (std::size_t ox = 0; ox < g.out_width; ++ox)
            body(oy * g.out_width + ox, oy * g.stride * g.width + ox * g.stride);
}

// 2×2 windows with stride 2: every input pixel of a window is written once (the gradient for
// the first maximum in row-major order, 0 for the others), rows and columns no window covers
// are zeroed. The choice is made with bit masks, not branches: which element is the maximum
// is data-dependent and would defeat branch prediction.
void backward_max_2x2(const PoolGeometry& g, const float* x, const float* y, const float* dy,
                      float* dx) {
    auto bits = [](float v) { return std::bit_cast<std::uint32_t>(v); };
    auto mask = [](bool b) { return std::uint32_t{0} - static_cast<std::uint32_t>(b); };
    for (std::size_t oy = 0; oy < g.out_height; ++oy) {
        const float* r0 = x + 2 * oy * g.width;
        const float* r1 = r0 + g.width;
        float* d0 = dx + 2 * oy * g.width;
        float* d1 = d0 + g.width;
        for (std::size_t ox = 0; ox < g.out_width; ++ox) {
            const float m = y[oy * g.out_width + ox];
            const std::uint32_t grad = bits(dy[oy * g.out_width + ox]);
            const std::uint32_t a = mask(r0[2 * ox] == m);
            const std::uint32_t b = mask(r0[2 * ox + 1] == m) & ~a;
            const std::uint32_t c = mask(r1[2 * ox] == m) & ~(a | b);
            const std::uint32_t d = ~(a | b | c);
            d0[2 * ox] = std::bit_cast<float>(grad & a);
            d0[2 * ox + 1] = std::bit_cast<float>(grad & b);
            d1[2 * ox] = std::bit_cast<float>(grad & c);
            d1[2 * ox + 1] = std::bit_cast<float>(grad & d);
        }
        for (std::size_t i = 2 * g.out_width; i < g.width; ++i) d0[i] = d1[i] = 0.0f;
    }
    std::fill(dx + 2 * g.out_height * g.width, dx + g.height * g.width, 0.0f);
}

}  // namespace

Pool2d::Pool2d(const char* type, int kernel, int stride)
    : type_(type), kernel_(kernel), stride_(stride == 0 ? kernel : stride) {
    require(kernel > 0 && stride >= 0,
            std::string(type) + ": expected kernel > 0 and stride >= 0 (0 = kernel), got kernel " +
                std::to_string(kernel) + ", stride " + std::to_string(stride));
}

std::string Pool2d::describe_pool() const {
    return std::string(type_) + "(kernel " + std::to_string(kernel_) + ", stride " +
           std::to_string(stride_) + ")";
}

PoolGeometry Pool2d::geometry(const Shape& input) const {
    require_rank(input, 4, describe_pool(), "(B,C,H,W)");
    if (input[2] < kernel_ || input[3] < kernel_)
        throw Error(describe_pool() + ": expected an input of shape (B,C,H,W) with H, W >= " +
                    std::to_string(kernel_) + ", got " + input.to_string());
    PoolGeometry g{};
    g.planes = static_cast<std::size_t>(input[0] * input[1]);
    g.height = static_cast<std::size_t>(input[2]);
    g.width = static_cast<std::size_t>(input[3]);
    g.kernel = static_cast<std::size_t>(kernel_);
    g.stride = static_cast<std::size_t>(stride_);
    g.out_height = (g.height - g.kernel) / g.stride + 1;
    g.out_width = (g.width - g.kernel) / g.stride + 1;
    return g;
}

Shape Pool2d::output_shape(const Shape& input) const {
    const PoolGeometry g = geometry(input);
    return Shape{input[0], input[1], static_cast<std::int64_t>(g.out_height),
                 static_cast<std::int64_t>(g.out_width)};
}

MaxPool2d::MaxPool2d(int kernel, int stride) : Pool2d("MaxPool2d", kernel, stride) {}

void MaxPool2d::forward(const Tensor& in, Tensor& out, const BatchSlice& /*slice*/) {
    const PoolGeometry g = geometry(in.shape());
    const std::size_t out_plane = g.out_height * g.out_width;
    for_each_plane(g, [&](std::size_t p) {
        const float* x = in.data() + p * g.height * g.width;
        float* y = out.data() + p * out_plane;
        if (g.kernel == 2 && g.stride == 2) {  // the common case, branch-free
            for (std::size_t oy = 0; oy < g.out_height; ++oy) {
                const float* r0 = x + 2 * oy * g.width;
                const float* r1 = r0 + g.width;
                for (std::size_t ox = 0; ox < g.out_width; ++ox)
                    y[oy * g.out_width + ox] = std::max(std::max(r0[2 * ox], r0[2 * ox + 1]),
                                                        std::max(r1[2 * ox], r1[2 * ox + 1]));
            }
            return;
        }
        for_each_window(g, [&](std::size_t o, std::size_t origin) {
            float best = x[origin];
            for (std::size_t ky = 0; ky < g.kernel; ++ky)
                for (std::size_t kx = 0; kx < g.kernel; ++kx)
                    best = std::max(best, x[origin + ky * g.width + kx]);
            y[o] = best;
        });
    });
}

void MaxPool2d::backward(const Tensor& in, const Tensor& out, const Tensor& grad_out,
                         Tensor* grad_in, std::span<Tensor* const> /*param_grads*/,
                         const BatchSlice& /*slice*/) {
    if (grad_in == nullptr) return;
    const PoolGeometry g = geometry(in.shape());
    require_same_shape(out, grad_out, describe(), "output", "output gradient");
    const std::size_t out_plane = g.out_height * g.out_width;
    const std::size_t in_plane = g.height * g.width;
    for_each_plane(g, [&](std::size_t p) {
        const float* x = in.data() + p * in_plane;
        const float* y = out.data() + p * out_plane;
        const float* dy = grad_out.data() + p * out_plane;
        float* dx = grad_in->data() + p * in_plane;
        if (g.kernel == 2 && g.stride == 2) {
            backward_max_2x2(g, x, y, dy, dx);
            return;
        }
        // Zeroed, then added to: overlapping windows (stride < kernel) accumulate.
        std::fill(dx, dx + in_plane, 0.0f);
        for_each_window(g, [&](std::size_t o, std::size_t origin) {
            for (std::size_t ky = 0; ky < g.kernel; ++ky)
                for (std::size_t kx = 0; kx < g.kernel; ++kx) {
                    const std::size_t i = origin + ky * g.width + kx;
                    if (x[i] == y[o]) {
                        dx[i] += dy[o];
                        return;
                    }
                }
        });
    });
}

AvgPool2d::AvgPool2d(int kernel, int stride) : Pool2d("AvgPool2d", kernel, stride) {}

void AvgPool2d::forward(const Tensor& in, Tensor& out, const BatchSlice& /*slice*/) {
    const PoolGeometry g = geometry(in.shape());
    const std::size_t out_plane = g.out_height * g.out_width;
    const float scale = 1.0f / static_cast<float>(g.kernel * g.kernel);
    for_each_plane(g, [&](std::size_t p) {
        const float* x = in.data() + p * g.height * g.width;
        float* y = out.data() + p * out_plane;
        for_each_window(g, [&](std::size_t o, std::size_t origin) {
            float sum = 0.0f;
            for (std::size_t ky = 0; ky < g.kernel; ++ky)
                for (std::size_t kx = 0; kx < g.kernel; ++kx) sum += x[origin + ky * g.width + kx];
            y[o] = sum * scale;
        });
    });
}

void AvgPool2d::backward(const Tensor& in, const Tensor& out, const Tensor& grad_out,
                         Tensor* grad_in, std::span<Tensor* const> /*param_grads*/,
                         const BatchSlice& /*slice*/) {
    if (grad_in == nullptr) return;
    const PoolGeometry g = geometry(in.shape());
    require_same_shape(out, grad_out, describe(), "output", "output gradient");
    const std::size_t out_plane = g.out_height * g.out_width;
    const float scale = 1.0f / static_cast<float>(g.kernel * g.kernel);
    const std::size_t in_plane = g.height * g.width;
    for_each_plane(g, [&](std::size_t p) {
        const float* dy = grad_out.data() + p * out_plane;
        float* dx = grad_in->data() + p * in_plane;
        std::fill(dx, dx + in_plane, 0.0f);
        for_each_window(g, [&](std::size_t o, std::size_t origin) {
            const float share = dy[o] * scale;
            for (std::size_t ky = 0; ky < g.kernel; ++ky)
                for (std::size_t kx = 0; kx < g.kernel; ++kx) dx[origin + ky * g.width + kx] += share;
        });
    });
}

}  // namespace qmlr::nn
