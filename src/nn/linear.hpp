#pragma once
// Fully connected layer, PyTorch layout.
//   in (B,I) -> out (B,O) = in · Wᵀ + b;   weight (O,I), bias (O) (optional)
// Backward: dW += doutᵀ (O,B) · in (B,I); db += Σ_B dout; din (B,I) = dout (B,O) · W (O,I).
// The batch is the inner dimension of dW's product, so no cross-thread reduction is needed.
#include <vector>

#include "nn/layer.hpp"

namespace qmlr::nn {

class Linear : public Layer {
public:
    Linear(int in_features, int out_features, bool bias = true);

    std::string describe() const override;
    Shape output_shape(const Shape& input) const override;
    void forward(const Tensor& in, Tensor& out, const BatchSlice& slice) override;
    void backward(const Tensor& in, const Tensor& out, const Tensor& grad_out, Tensor* grad_in,
                  std::span<Tensor* const> param_grads, const BatchSlice& slice) override;
    Placement placement() const override { return Placement::whole_batch; }
    std::span<Parameter> parameters() override { return params_; }

    Parameter& weight() { return params_[0]; }
    Parameter* bias() { return has_bias_ ? &params_[1] : nullptr; }

private:
    int in_features_, out_features_;
    bool has_bias_;
    std::vector<Parameter> params_;
};

}  // namespace qmlr::nn
