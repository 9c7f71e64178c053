#pragma once
// Inverted dropout. Any shape (B,...) in, the same shape out.
//   training: out = in · m, m = 1/(1−p) with probability 1−p, else 0
//   eval:     out = in
// The mask of sample b in the c-th training-mode forward call comes from the stream
// (seed, "dropout", c, b): a pure function of the seed, the call count and the sample, so it
// does not depend on threads. The mask is kept for backward. MC-dropout at inference is the
// same layer left in training mode.
#include <cstdint>

#include "nn/layer.hpp"

namespace qmlr::nn {

class Dropout : public Layer {
public:
    Dropout(double p, std::uint64_t seed);

    std::string describe() const override;
    Shape output_shape(const Shape& input) const override { return input; }
    void forward(const Tensor& in, Tensor& out) override;
    void backward(const Tensor& in, const Tensor& out, const Tensor& grad_out, Tensor* grad_in,
                  bool parameter_grads) override;
    void set_training(bool training) override { training_ = training; }

    // Training-mode forward calls so far; the next call uses stream index calls().
    std::uint64_t calls() const { return calls_; }

private:
    double p_;
    std::uint64_t seed_;
    std::uint64_t calls_ = 0;
    bool training_ = true;
    bool mask_applied_ = false;  // the last forward used `mask_`
    Tensor mask_;
};

}  // namespace qmlr::nn
