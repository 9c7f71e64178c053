#include "nn/linear.hpp"

#include "core/error.hpp"
#include "nn/gemm.hpp"

namespace qmlr::nn {

Linear::Linear(int in_features, int out_features, bool bias)
    : in_features_(in_features), out_features_(out_features), has_bias_(bias) {
    require(in_features > 0 && out_features > 0,
            "Linear: expected positive feature counts, got in " + std::to_string(in_features) +
                ", out " + std::to_string(out_features));
    params_.emplace_back("weight", Parameter::Role::weight, Shape{out_features, in_features},
                         in_features, out_features);
    if (bias)
        params_.emplace_back("bias", Parameter::Role::bias, Shape{out_features}, in_features,
                             out_features);
}

std::string Linear::describe() const {
    return "Linear(" + std::to_string(in_features_) + "->" + std::to_string(out_features_) +
           (has_bias_ ? ", bias)" : ", no bias)");
}

Shape Linear::output_shape(const Shape& input) const {
    if (input.rank() != 2 || input[1] != in_features_)
        throw Error(describe() + ": expected an input of shape (B," +
                    std::to_string(in_features_) + "), got " + input.to_string() +
                    (input.rank() > 2 ? "; put a Flatten before it" : ""));
    return Shape{input[0], out_features_};
}

void Linear::forward(const Tensor& in, Tensor& out, const BatchSlice& /*slice*/) {
    require(out.shape() == output_shape(in.shape()),
            describe() + ": output tensor has shape " + out.shape().to_string() +
                ", expected " + output_shape(in.shape()).to_string());
    const auto batch = static_cast<std::size_t>(in.dim(0));
    const auto ni = static_cast<std::size_t>(in_features_), no = static_cast<std::size_t>(out_features_);
    gemm(batch, no, ni, {in.data(), ni}, {weight().value.data(), ni, true}, out.data(), no, false);
    if (has_bias_) {
        const float* b = params_[1].value.data();
        float* y = out.data();
        for (std::size_t n = 0; n < batch; ++n)
            for (std::size_t o = 0; o < no; ++o) y[n * no + o] += b[o];
    }
}

void Linear::backward(const Tensor& in, const Tensor& out, const Tensor& grad_out,
                      Tensor* grad_in, std::span<Tensor* const> param_grads,
                      const BatchSlice& /*slice*/) {
    require_same_shape(out, grad_out, describe(), "output", "output gradient");
    require_param_grads(param_grads, params_, describe());
    const auto batch = static_cast<std::size_t>(in.dim(0));
    const auto ni = static_cast<std::size_t>(in_features_), no = static_cast<std::size_t>(out_features_);
    if (!param_grads.empty()) {
        gemm(no, ni, batch, {grad_out.data(), no, true}, {in.data(), ni}, param_grads[0]->data(),
             ni, true);
        if (has_bias_) {
            float* gb = param_grads[1]->data();
            const float* dy = grad_out.data();
            for (std::size_t n = 0; n < batch; ++n)
                for (std::size_t o = 0; o < no; ++o) gb[o] += dy[n * no + o];
        }
    }
    if (grad_in != nullptr)
        gemm(batch, ni, no, {grad_out.data(), no}, {weight().value.data(), ni}, grad_in->data(),
             ni, false);
}

}  // namespace qmlr::nn
