#pragma once
// Inverted dropout. Any shape (B,...) in, the same shape out.
//   training: out = in · m, m = 1/(1−p) with probability 1−p, else 0
//   eval:     out = in
// The mask of sample i of the batch in the model's training-mode forward call number c comes
// from the stream (seed, "dropout", c, i) (BatchSlice gives c and i), so it depends on nothing
// but the seed, the call and the sample. Backward draws the same mask again instead of keeping
// it. MC-dropout at inference is the same layer left in training mode.
#include <cstdint>

#include "nn/layer.hpp"

namespace qmlr::nn {

class Dropout : public Layer {
public:
    Dropout(double p, std::uint64_t seed);

    std::string describe() const override;
    Shape output_shape(const Shape& input) const override { return input; }
    void forward(const Tensor& in, Tensor& out, const BatchSlice& slice) override;
    void backward(const Tensor& in, const Tensor& out, const Tensor& grad_out, Tensor* grad_in,
                  std::span<Tensor* const> param_grads, const BatchSlice& slice) override;
    void set_training(bool training) override { training_ = training; }

private:
    // y = x · mask for the samples of `slice`, or y = x when inactive.
    void apply_mask(const Tensor& x, Tensor& y, const BatchSlice& slice) const;

    double p_;
    std::uint64_t seed_;
    bool training_ = true;
};

}  // namespace qmlr::nn
