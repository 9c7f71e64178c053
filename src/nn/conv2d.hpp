#pragma once
// 2-D convolution (cross-correlation, as in PyTorch) with a square kernel, stride and zero
// padding.
//   in (B,C,H,W) -> out (B,K,Ho,Wo), Ho = (H + 2p − R)/s + 1, Wo likewise
//   weight (K,C,R,R), bias (K) (optional)
// Per sample: col = im2col(x) (C·R·R, Ho·Wo); out = W (K, C·R·R) · col + b, built 16 output
// pixels at a time (an L1-sized slice of col, packed as the GEMM wants it).
// Backward per sample: dW += dout (K, Ho·Wo) · colᵀ (dot products along pixels);
//                      db += Σ_pixels dout; dx = col2im(Wᵀ · dout).
// Samples run one after another: the model runs slices of the batch on different threads.
#include <vector>

#include "nn/im2col.hpp"
#include "nn/layer.hpp"

namespace qmlr::nn {

struct Conv2dOptions {
    int stride = 1;
    int padding = 0;
    bool bias = true;
};

class Conv2d : public Layer {
public:
    Conv2d(int in_channels, int out_channels, int kernel, Conv2dOptions options = {});

    std::string describe() const override;
    Shape output_shape(const Shape& input) const override;
    void forward(const Tensor& in, Tensor& out, const BatchSlice& slice) override;
    void backward(const Tensor& in, const Tensor& out, const Tensor& grad_out, Tensor* grad_in,
                  std::span<Tensor* const> param_grads, const BatchSlice& slice) override;
    Placement placement() const override { return Placement::sample_chunks; }
    std::span<Parameter> parameters() override { return params_; }

    Parameter& weight() { return params_[0]; }
    Parameter* bias() { return options_.bias ? &params_[1] : nullptr; }

private:
    ConvGeometry geometry(const Shape& input) const;

    int in_channels_, out_channels_, kernel_;
    Conv2dOptions options_;
    std::vector<Parameter> params_;
};

}  // namespace qmlr::nn
