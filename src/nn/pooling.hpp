#pragma once
// Max and average pooling over square windows, no padding (floor of partial windows).
//   in (B,C,H,W) -> out (B,C,Ho,Wo), Ho = (H − k)/s + 1, Wo likewise; stride defaults to k
// MaxPool2d backward sends each output gradient to the first maximum of its window in
// row-major order (PyTorch's choice on ties); the maximum is found again from `in` and `out`,
// so no index tensor is kept. AvgPool2d spreads grad/k² over the window.
#include "nn/layer.hpp"

namespace qmlr::nn {

struct PoolGeometry {
    std::size_t planes, height, width;  // B·C, H, W
    std::size_t kernel, stride;
    std::size_t out_height, out_width;
};

// Shared shape logic of both pooling layers.
class Pool2d : public Layer {
public:
    Shape output_shape(const Shape& input) const override;

protected:
    Pool2d(const char* type, int kernel, int stride);
    PoolGeometry geometry(const Shape& input) const;
    std::string describe_pool() const;

    const char* type_;
    int kernel_, stride_;
};

class MaxPool2d : public Pool2d {
public:
    explicit MaxPool2d(int kernel, int stride = 0);  // stride 0: equal to kernel
    std::string describe() const override { return describe_pool(); }
    void forward(const Tensor& in, Tensor& out, const BatchSlice& slice) override;
    void backward(const Tensor& in, const Tensor& out, const Tensor& grad_out, Tensor* grad_in,
                  std::span<Tensor* const> param_grads, const BatchSlice& slice) override;
};

class AvgPool2d : public Pool2d {
public:
    explicit AvgPool2d(int kernel, int stride = 0);  // stride 0: equal to kernel
    std::string describe() const override { return describe_pool(); }
    void forward(const Tensor& in, Tensor& out, const BatchSlice& slice) override;
    void backward(const Tensor& in, const Tensor& out, const Tensor& grad_out, Tensor* grad_in,
                  std::span<Tensor* const> param_grads, const BatchSlice& slice) override;
};

}  // namespace qmlr::nn
