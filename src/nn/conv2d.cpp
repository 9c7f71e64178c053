#include "nn/conv2d.hpp"

#include <algorithm>
#include <vector>

#include "core/error.hpp"
#include "nn/gemm.hpp"
#include "nn/workspace.hpp"

namespace qmlr::nn {
namespace {

// Σ values, in eight interleaved partial sums (vectorisable, and a fixed order).
float sum_of(const float* values, std::size_t n) {
    float partial[8] = {};
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (std::size_t l = 0; l < 8; ++l) partial[l] += values[i + l];
    for (; i < n; ++i) partial[i % 8] += values[i];
    float sum = 0.0f;
    for (float p : partial) sum += p;
    return sum;
}

}  // namespace
Conv2d::Conv2d(int in_channels, int out_channels, int kernel, Conv2dOptions options)
    : in_channels_(in_channels), out_channels_(out_channels), kernel_(kernel),
      options_(options) {
    require(in_channels > 0 && out_channels > 0 && kernel > 0 && options.stride > 0 &&
                options.padding >= 0,
            "Conv2d: expected positive channel counts, kernel and stride and a padding >= 0, "
            "got in " + std::to_string(in_channels) + ", out " + std::to_string(out_channels) +
                ", kernel " + std::to_string(kernel) + ", stride " +
                std::to_string(options.stride) + ", padding " + std::to_string(options.padding));
    const std::int64_t fan_in = std::int64_t{in_channels} * kernel * kernel;
    const std::int64_t fan_out = std::int64_t{out_channels} * kernel * kernel;
    params_.emplace_back("weight", Parameter::Role::weight,
                         Shape{out_channels, in_channels, kernel, kernel}, fan_in, fan_out);
    if (options.bias)
        params_.emplace_back("bias", Parameter::Role::bias, Shape{out_channels}, fan_in, fan_out);
}

std::string Conv2d::describe() const {
    return "Conv2d(" + std::to_string(in_channels_) + "->" + std::to_string(out_channels_) +
           ", kernel " + std::to_string(kernel_) + ", stride " + std::to_string(options_.stride) +
           ", padding " + std::to_string(options_.padding) +
           (options_.bias ? ", bias)" : ", no bias)");
}

ConvGeometry Conv2d::geometry(const Shape& input) const {
    require_rank(input, 4, describe(), "(B,C,H,W)");
    const auto r = static_cast<std::int64_t>(kernel_);
    const auto p = static_cast<std::int64_t>(options_.padding);
    if (input[1] != in_channels_ || input[2] + 2 * p < r || input[3] + 2 * p < r)
        throw Error(describe() + ": expected an input of shape (B," +
                    std::to_string(in_channels_) + ",H,W) with H, W >= " +
                    std::to_string(r - 2 * p) + ", got " + input.to_string());
    const auto s = static_cast<std::size_t>(options_.stride);
    ConvGeometry g{};
    g.channels = static_cast<std::size_t>(input[1]);
    g.height = static_cast<std::size_t>(input[2]);
    g.width = static_cast<std::size_t>(input[3]);
    g.kernel = static_cast<std::size_t>(kernel_);
    g.stride = s;
    g.padding = static_cast<std::size_t>(p);
    g.out_height = (g.height + 2 * g.padding - g.kernel) / s + 1;
    g.out_width = (g.width + 2 * g.padding - g.kernel) / s + 1;
    return g;
}

Shape Conv2d::output_shape(const Shape& input) const {
    const ConvGeometry g = geometry(input);
    return Shape{input[0], out_channels_, static_cast<std::int64_t>(g.out_height),
                 static_cast<std::int64_t>(g.out_width)};
}

void Conv2d::forward(const Tensor& in, Tensor& out, const BatchSlice& /*slice*/) {
    const ConvGeometry g = geometry(in.shape());
    require(out.shape() == output_shape(in.shape()),
            describe() + ": output tensor has shape " + out.shape().to_string() +
                ", expected " + output_shape(in.shape()).to_string());
    const std::size_t k = static_cast<std::size_t>(out_channels_);
    const std::size_t rows = g.col_rows(), pixels = g.col_cols();
    thread_local AlignedBuffer<float> weight_buffer, panel_buffer;
    thread_local UnfoldPlan plan;
    plan.compute(g);
    float* packed = ensure_capacity(weight_buffer, packed_lhs_size(k, rows));
    pack_lhs({weight().value.data(), rows}, k, rows, packed);
    float* panel = ensure_capacity(panel_buffer, rows * kColPanel);
    const float* b = options_.bias ? params_[1].value.data() : nullptr;
    for (std::int64_t n = 0; n < in.dim(0); ++n) {
        const float* x = in.sample(n);
        float* y = out.sample(n);
        for (std::size_t p0 = 0; p0 < pixels; p0 += kColPanel) {
            const std::size_t count = std::min(kColPanel, pixels - p0);
            // Each 8-pixel half of the panel is read in place when it lies in one output row
            // and its windows inside the image; otherwise the panel is unfolded.
            const float* halves[2] = {nullptr, nullptr};
            for (std::size_t h = 0; h < 2; ++h) {
                const std::size_t q = p0 + 8 * h, n_half = h == 0 ? std::min<std::size_t>(8, count) : count - std::min<std::size_t>(8, count);
                const std::size_t oy = q / g.out_width, ox = q % g.out_width;
                if (n_half == 0) halves[h] = halves[0];
                else if (plan.interior(oy, ox, n_half))
                    halves[h] = x + (oy - g.padding) * g.width + (ox - g.padding);
            }
            if (halves[0] != nullptr && halves[1] != nullptr) {
                gemm_lhs_gathered(k, rows, packed, halves[0], halves[1], plan.offsets.data(), count,
                                  y + p0, pixels, false);
            } else {
                im2col_panel(g, plan, x, p0, count, panel);
                gemm_lhs_panel(k, rows, packed, panel, count, y + p0, pixels, false);
            }
        }
        if (b != nullptr)
            for (std::size_t c = 0; c < k; ++c)
                for (std::size_t i = 0; i < pixels; ++i) y[c * pixels + i] += b[c];
    }
}

void Conv2d::backward(const Tensor& in, const Tensor& out, const Tensor& grad_out,
                      Tensor* grad_in, std::span<Tensor* const> param_grads,
                      const BatchSlice& /*slice*/) {
    const ConvGeometry g = geometry(in.shape());
    require_same_shape(out, grad_out, describe(), "output", "output gradient");
    require_param_grads(param_grads, params_, describe());
    const std::size_t k = static_cast<std::size_t>(out_channels_);
    const std::size_t rows = g.col_rows(), pixels = g.col_cols();
    float* dw = param_grads.empty() ? nullptr : param_grads[0]->data();
    float* db = param_grads.size() > 1 ? param_grads[1]->data() : nullptr;
    thread_local AlignedBuffer<float> col_buffer, weight_buffer, dcol_buffer;
    thread_local UnfoldPlan plan;
    thread_local std::vector<std::ptrdiff_t> channel_offsets;  // k -> k·pixels
    plan.compute(g);
    float* packed = nullptr;
    if (grad_in != nullptr) {
        packed = ensure_capacity(weight_buffer, packed_lhs_size(rows, k));
        pack_lhs({weight().value.data(), rows, true}, rows, k, packed);  // Wᵀ (rows, K)
        channel_offsets.resize(k);
        for (std::size_t c = 0; c < k; ++c) channel_offsets[c] = static_cast<std::ptrdiff_t>(c * pixels);
    }
    for (std::int64_t n = 0; n < in.dim(0); ++n) {
        const float* dy = grad_out.sample(n);
        if (dw != nullptr) {
            // dW (K, rows) += dy (K, pixels) · colᵀ (pixels, rows): dot products along pixels,
            // reading the input in place one output row at a time when no window is clipped.
            if (plan.all_interior(g)) {
                gemm_segmented_dot(k, rows, g.out_height, g.out_width, dy, pixels, g.out_width,
                                   in.sample(n), plan.offsets.data(), g.width, dw, rows, true);
            } else {
                float* col = ensure_capacity(col_buffer, rows * pixels);
                im2col(g, plan, in.sample(n), col);
                gemm(k, rows, pixels, {dy, pixels}, {col, pixels, true}, dw, rows, true);
            }
        }
        if (db != nullptr)
            for (std::size_t c = 0; c < k; ++c) db[c] += sum_of(dy + c * pixels, pixels);
        if (grad_in == nullptr) continue;
        // dx = col2im(dcol), dcol (rows, pixels) = Wᵀ · dy, dy read in place 16 columns at a time.
        float* dcol = ensure_capacity(dcol_buffer, rows * pixels);
        for (std::size_t p0 = 0; p0 < pixels; p0 += kColPanel) {
            const std::size_t count = std::min(kColPanel, pixels - p0);
            const float* hi = count > 8 ? dy + p0 + 8 : dy + p0;  // columns 8..15, if any
            gemm_lhs_gathered(rows, k, packed, dy + p0, hi, channel_offsets.data(), count,
                              dcol + p0, pixels, false);
        }
        col2im(g, plan, dcol, grad_in->sample(n));
    }
}

}  // namespace qmlr::nn
