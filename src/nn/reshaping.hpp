#pragma once
// Layers that move values without arithmetic on them.
//   Flatten:  (B, d1, d2, ...) -> (B, d1·d2·…), row-major (channel-major for NCHW)
//   Upsample: (B,C,H,W) -> (B,C,f·H,f·W), nearest neighbour; backward sums each f×f block
#include "nn/layer.hpp"

namespace qmlr::nn {

class Flatten : public Layer {
public:
    std::string describe() const override { return "Flatten"; }
    Shape output_shape(const Shape& input) const override;
    void forward(const Tensor& in, Tensor& out, const BatchSlice& slice) override;
    void backward(const Tensor& in, const Tensor& out, const Tensor& grad_out, Tensor* grad_in,
                  std::span<Tensor* const> param_grads, const BatchSlice& slice) override;
};

class Upsample : public Layer {
public:
    explicit Upsample(int factor = 2);
    std::string describe() const override;
    Shape output_shape(const Shape& input) const override;
    void forward(const Tensor& in, Tensor& out, const BatchSlice& slice) override;
    void backward(const Tensor& in, const Tensor& out, const Tensor& grad_out, Tensor* grad_in,
                  std::span<Tensor* const> param_grads, const BatchSlice& slice) override;

private:
    int factor_;
};

}  // namespace qmlr::nn
