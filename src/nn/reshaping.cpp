#include "nn/reshaping.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "nn/batch_parallel.hpp"

namespace qmlr::nn {

Shape Flatten::output_shape(const Shape& input) const {
    if (input.rank() < 1)
        throw Error("Flatten: expected an input of shape (B,...), got a scalar " +
                    input.to_string());
    return Shape{input[0], input.element_count() / std::max<std::int64_t>(input[0], 1)};
}

void Flatten::forward(const Tensor& in, Tensor& out, const BatchSlice& /*slice*/) {
    require(out.size() == in.size(), "Flatten: output " + out.shape().to_string() +
                                         " does not hold the input " + in.shape().to_string());
    std::copy(in.begin(), in.end(), out.begin());
}

void Flatten::backward(const Tensor& /*in*/, const Tensor& /*out*/, const Tensor& grad_out,
                       Tensor* grad_in, std::span<Tensor* const> /*param_grads*/,
                       const BatchSlice& /*slice*/) {
    if (grad_in == nullptr) return;
    require(grad_in->size() == grad_out.size(),
            "Flatten: output gradient " + grad_out.shape().to_string() +
                " does not fit the input gradient " + grad_in->shape().to_string());
    std::copy(grad_out.begin(), grad_out.end(), grad_in->begin());
}

Upsample::Upsample(int factor) : factor_(factor) {
    require(factor >= 1, "Upsample: expected a factor >= 1, got " + std::to_string(factor));
}

std::string Upsample::describe() const {
    return "Upsample(nearest, factor " + std::to_string(factor_) + ")";
}

Shape Upsample::output_shape(const Shape& input) const {
    require_rank(input, 4, describe(), "(B,C,H,W)");
    return Shape{input[0], input[1], input[2] * factor_, input[3] * factor_};
}

void Upsample::forward(const Tensor& in, Tensor& out, const BatchSlice& /*slice*/) {
    require(out.shape() == output_shape(in.shape()),
            describe() + ": output tensor has shape " + out.shape().to_string() +
                ", expected " + output_shape(in.shape()).to_string());
    const auto f = static_cast<std::size_t>(factor_);
    const auto h = static_cast<std::size_t>(in.dim(2)), w = static_cast<std::size_t>(in.dim(3));
    const std::size_t planes = static_cast<std::size_t>(in.dim(0) * in.dim(1));
    for_sample_chunks(planes, [&](std::size_t begin, std::size_t end) {
        for (std::size_t p = begin; p < end; ++p) {
            const float* x = in.data() + p * h * w;
            float* y = out.data() + p * h * w * f * f;
            for (std::size_t oy = 0; oy < h * f; ++oy)
                for (std::size_t ox = 0; ox < w * f; ++ox)
                    y[oy * w * f + ox] = x[(oy / f) * w + ox / f];
        }
    });
}

void Upsample::backward(const Tensor& in, const Tensor& /*out*/, const Tensor& grad_out,
                        Tensor* grad_in, std::span<Tensor* const> /*param_grads*/,
                       const BatchSlice& /*slice*/) {
    if (grad_in == nullptr) return;
    const auto f = static_cast<std::size_t>(factor_);
    const auto h = static_cast<std::size_t>(in.dim(2)), w = static_cast<std::size_t>(in.dim(3));
    const std::size_t planes = static_cast<std::size_t>(in.dim(0) * in.dim(1));
    for_sample_chunks(planes, [&](std::size_t begin, std::size_t end) {
        for (std::size_t p = begin; p < end; ++p) {
            const float* dy = grad_out.data() + p * h * w * f * f;
            float* dx = grad_in->data() + p * h * w;
            std::fill(dx, dx + h * w, 0.0f);
            for (std::size_t oy = 0; oy < h * f; ++oy)
                for (std::size_t ox = 0; ox < w * f; ++ox)
                    dx[(oy / f) * w + ox / f] += dy[oy * w * f + ox];
        }
    });
}

}  // namespace qmlr::nn
