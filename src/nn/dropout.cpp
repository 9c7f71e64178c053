#include "nn/dropout.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "nn/batch_parallel.hpp"

namespace qmlr::nn {

Dropout::Dropout(double p, std::uint64_t seed) : p_(p), seed_(seed) {
    require(p >= 0.0 && p < 1.0, "Dropout: expected a drop probability p in [0, 1), got " +
                                     std::to_string(p));
}

std::string Dropout::describe() const { return "Dropout(p " + std::to_string(p_) + ")"; }

void Dropout::forward(const Tensor& in, Tensor& out) {
    require_same_shape(in, out, describe(), "input", "output");
    mask_applied_ = training_ && p_ > 0.0;
    if (!mask_applied_) {
        std::copy(in.begin(), in.end(), out.begin());
        return;
    }
    if (!(mask_.shape() == in.shape())) mask_ = Tensor(in.shape());
    const std::uint64_t call = calls_++;
    const auto batch = static_cast<std::size_t>(in.dim(0));
    const std::size_t per_sample = batch == 0 ? 0 : in.size() / batch;
    const float keep_scale = static_cast<float>(1.0 / (1.0 - p_));
    for_sample_chunks(batch, [&](std::size_t begin, std::size_t end) {
        for (std::size_t n = begin; n < end; ++n) {
            Rng rng(seed_, "dropout", call, static_cast<std::uint32_t>(n));
            float* m = mask_.data() + n * per_sample;
            const float* x = in.data() + n * per_sample;
            float* y = out.data() + n * per_sample;
            for (std::size_t i = 0; i < per_sample; ++i) {
                m[i] = rng.bernoulli(p_) ? 0.0f : keep_scale;
                y[i] = x[i] * m[i];
            }
        }
    });
}

void Dropout::backward(const Tensor& /*in*/, const Tensor& out, const Tensor& grad_out,
                       Tensor* grad_in, bool /*parameter_grads*/) {
    if (grad_in == nullptr) return;
    require_same_shape(out, grad_out, describe(), "output", "output gradient");
    if (!mask_applied_) {
        std::copy(grad_out.begin(), grad_out.end(), grad_in->begin());
        return;
    }
    const float* m = mask_.data();
    const float* dy = grad_out.data();
    float* dx = grad_in->data();
    for_element_chunks(grad_out.size(), [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) dx[i] = dy[i] * m[i];
    });
}

}  // namespace qmlr::nn
