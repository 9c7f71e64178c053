#include "nn/activations.hpp"

#include <cmath>

#include "core/error.hpp"
#include "nn/batch_parallel.hpp"

namespace qmlr::nn {

float TanhFn::value(float x) const { return std::tanh(x); }

// 1/(1+e^{-x}) for x >= 0 and e^{x}/(1+e^{x}) below: neither form overflows.
float SigmoidFn::value(float x) const {
    if (x >= 0.0f) return 1.0f / (1.0f + std::exp(-x));
    const float e = std::exp(x);
    return e / (1.0f + e);
}

std::string HardTanhFn::describe() const {
    return "HardTanh(" + std::to_string(lo) + ", " + std::to_string(hi) + ")";
}

HardTanh::HardTanh(float lo, float hi) : Activation<HardTanhFn>(HardTanhFn{lo, hi}) {
    require(lo < hi, "HardTanh: expected lo < hi, got lo = " + std::to_string(lo) +
                         ", hi = " + std::to_string(hi));
}

namespace {

// The loops on their own, with non-aliasing pointers, so the compiler vectorises them.
template <class Fn>
void apply_values(const Fn& fn, const float* __restrict x, float* __restrict y, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) y[i] = fn.value(x[i]);
}

template <class Fn>
void apply_derivatives(const Fn& fn, const float* __restrict x, const float* __restrict y,
                       const float* __restrict gy, float* __restrict gx, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) gx[i] = gy[i] * fn.derivative(x[i], y[i]);
}

}  // namespace

template <class Fn>
void Activation<Fn>::forward(const Tensor& in, Tensor& out, const BatchSlice& /*slice*/) {
    require_same_shape(in, out, fn_.describe(), "input", "output");
    for_element_chunks(in.size(), [&](std::size_t begin, std::size_t end) {
        apply_values(fn_, in.data() + begin, out.data() + begin, end - begin);
    });
}

template <class Fn>
void Activation<Fn>::backward(const Tensor& in, const Tensor& out, const Tensor& grad_out,
                              Tensor* grad_in, std::span<Tensor* const> /*param_grads*/,
                              const BatchSlice& /*slice*/) {
    if (grad_in == nullptr) return;
    require_same_shape(out, grad_out, fn_.describe(), "output", "output gradient");
    for_element_chunks(in.size(), [&](std::size_t begin, std::size_t end) {
        apply_derivatives(fn_, in.data() + begin, out.data() + begin, grad_out.data() + begin,
                          grad_in->data() + begin, end - begin);
    });
}

template class Activation<ReluFn>;
template class Activation<TanhFn>;
template class Activation<SigmoidFn>;
template class Activation<HardTanhFn>;

}  // namespace qmlr::nn
