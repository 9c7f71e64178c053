#pragma once
// The layer interface every network is built from. A layer is a forward/backward pair over
// float NCHW tensors (llm.c style):
//   forward(in, out)                         in (B,...) -> out (B,...'), out preallocated
//   backward(in, out, grad_out, grad_in, p)  dL/d(out) -> dL/d(in) (when grad_in != nullptr),
//                                            and when p: dL/d(parameters) added into each
//                                            Parameter::grad (accumulated, never overwritten)
// backward receives the same `in` and `out` as the forward call it differentiates; layers keep
// only what cannot be recomputed cheaply (a dropout mask). Input gradients are first-class:
// attacks ask for dL/d(in) without parameter gradients.
#include <cstdint>
#include <span>
#include <string>

#include "core/tensor.hpp"

namespace qmlr::nn {

struct Parameter {
    // Decides how Model::initialize draws the values (init.hpp).
    enum class Role { weight, bias, angle };

    std::string name;  // "weight", "bias", "theta"
    Role role = Role::weight;
    Tensor value;
    Tensor grad;                                      // same shape as value
    std::int64_t fan_in = 0, fan_out = 0;             // for the initialisers

    Parameter() = default;
    Parameter(std::string name, Role role, const Shape& shape, std::int64_t fan_in,
              std::int64_t fan_out)
        : name(std::move(name)), role(role), value(shape), grad(shape), fan_in(fan_in),
          fan_out(fan_out) {}
};

class Layer {
public:
    virtual ~Layer() = default;

    // Type and every hyperparameter, e.g. "Conv2d(1->6, kernel 5, stride 1, padding 0, bias)".
    // The model file stores it to check that a file fits the architecture it is loaded into.
    virtual std::string describe() const = 0;
    // Output shape for an input shape; an Error naming the expected and the found shape.
    virtual Shape output_shape(const Shape& input) const = 0;
    virtual void forward(const Tensor& in, Tensor& out) = 0;
    virtual void backward(const Tensor& in, const Tensor& out, const Tensor& grad_out,
                          Tensor* grad_in, bool parameter_grads) = 0;

    virtual std::span<Parameter> parameters() { return {}; }
    // Training mode changes dropout only; other layers ignore it.
    virtual void set_training(bool /*training*/) {}
};

// Shape checks shared by the layers; each throws an Error that names the layer, the expected
// shape and the shape found.
void require_rank(const Shape& shape, int rank, const std::string& layer, const char* expected);
void require_same_shape(const Tensor& a, const Tensor& b, const std::string& layer,
                        const char* a_name, const char* b_name);

}  // namespace qmlr::nn
