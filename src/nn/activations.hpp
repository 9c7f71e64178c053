#pragma once
// Elementwise activations: ReLU, Tanh, Sigmoid, HardTanh. Any shape in, the same shape out.
//   forward:  out[i] = f(in[i])
//   backward: grad_in[i] = grad_out[i] · f'(in[i]) (written with out[i] where cheaper)
// Derivatives at kinks follow PyTorch: ReLU'(0) = 0; HardTanh passes the gradient only where
// lo < x < hi strictly (the straight-through window of docs/natural_quantization.md §5).
#include <string>

#include "nn/layer.hpp"

namespace qmlr::nn {

// Shared forward/backward loops; Fn supplies value(x), derivative(x, y) and describe().
template <class Fn>
class Activation : public Layer {
public:
    explicit Activation(Fn fn = {}) : fn_(fn) {}
    std::string describe() const override { return fn_.describe(); }
    Shape output_shape(const Shape& input) const override { return input; }
    void forward(const Tensor& in, Tensor& out, const BatchSlice& slice) override;
    void backward(const Tensor& in, const Tensor& out, const Tensor& grad_out, Tensor* grad_in,
                  std::span<Tensor* const> param_grads, const BatchSlice& slice) override;

private:
    Fn fn_;
};

struct ReluFn {
    std::string describe() const { return "ReLU"; }
    float value(float x) const { return x > 0.0f ? x : 0.0f; }
    float derivative(float x, float /*y*/) const { return x > 0.0f ? 1.0f : 0.0f; }
};

struct TanhFn {
    std::string describe() const { return "Tanh"; }
    float value(float x) const;
    float derivative(float /*x*/, float y) const { return 1.0f - y * y; }
};

struct SigmoidFn {
    std::string describe() const { return "Sigmoid"; }
    float value(float x) const;
    float derivative(float /*x*/, float y) const { return y * (1.0f - y); }
};

struct HardTanhFn {
    float lo = -1.0f, hi = 1.0f;
    std::string describe() const;
    float value(float x) const { return x < lo ? lo : (x > hi ? hi : x); }
    float derivative(float x, float /*y*/) const { return (x > lo && x < hi) ? 1.0f : 0.0f; }
};

using ReLU = Activation<ReluFn>;
using Tanh = Activation<TanhFn>;
using Sigmoid = Activation<SigmoidFn>;

class HardTanh : public Activation<HardTanhFn> {
public:
    // Clips to [lo, hi]; an Error unless lo < hi.
    explicit HardTanh(float lo = -1.0f, float hi = 1.0f);
};

extern template class Activation<ReluFn>;
extern template class Activation<TanhFn>;
extern template class Activation<SigmoidFn>;
extern template class Activation<HardTanhFn>;

}  // namespace qmlr::nn
