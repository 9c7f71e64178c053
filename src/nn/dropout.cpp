#include "nn/dropout.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/rng.hpp"

namespace qmlr::nn {

Dropout::Dropout(double p, std::uint64_t seed) : p_(p), seed_(seed) {
    require(p >= 0.0 && p < 1.0, "Dropout: expected a drop probability p in [0, 1), got " +
                                     std::to_string(p));
}

std::string Dropout::describe() const { return "Dropout(p " + std::to_string(p_) + ")"; }

void Dropout::apply_mask(const Tensor& x, Tensor& y, const BatchSlice& slice) const {
    if (!training_ || p_ == 0.0) {
        std::copy(x.begin(), x.end(), y.begin());
        return;
    }
    const auto batch = static_cast<std::size_t>(x.dim(0));
    const std::size_t per_sample = batch == 0 ? 0 : x.size() / batch;
    const float keep_scale = static_cast<float>(1.0 / (1.0 - p_));
    for (std::size_t n = 0; n < batch; ++n) {
        Rng rng(seed_, "dropout", slice.pass, static_cast<std::uint32_t>(slice.first_sample + n));
        for (std::size_t i = n * per_sample; i < (n + 1) * per_sample; ++i)
            y[i] = rng.bernoulli(p_) ? 0.0f : x[i] * keep_scale;
    }
}

void Dropout::forward(const Tensor& in, Tensor& out, const BatchSlice& slice) {
    require_same_shape(in, out, describe(), "input", "output");
    apply_mask(in, out, slice);
}

void Dropout::backward(const Tensor& /*in*/, const Tensor& out, const Tensor& grad_out,
                       Tensor* grad_in, std::span<Tensor* const> /*param_grads*/,
                       const BatchSlice& slice) {
    if (grad_in == nullptr) return;
    require_same_shape(out, grad_out, describe(), "output", "output gradient");
    apply_mask(grad_out, *grad_in, slice);
}

}  // namespace qmlr::nn
