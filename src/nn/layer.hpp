#pragma once
// The layer interface every network is built from. A layer is a forward/backward pair over
// float NCHW tensors (llm.c style):
//   forward(in, out, slice)          in (B,...) -> out (B,...'), out preallocated
//   backward(in, out, grad_out, grad_in, param_grads, slice)
//                                    dL/d(out) -> dL/d(in) (when grad_in != nullptr, shaped
//                                    like in) and dL/d(parameters) added into *param_grads[j]
//                                    (one tensor per parameter, accumulated, never
//                                    overwritten; empty: no parameter gradients)
// backward receives the same `in`, `out` and `slice` as the forward call it differentiates;
// layers keep no state between the two, so the model may run them on several slices of a
// batch at once. Input gradients are first-class: attacks ask for dL/d(in) alone.
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

// Where a forward or backward call sits in the model's batch: `in` holds samples
// [first_sample, first_sample + B) of it, and `pass` numbers the model's training-mode forward
// calls (the dropout streams).
struct BatchSlice {
    std::size_t first_sample = 0;
    std::uint64_t pass = 0;
};

// How the model may schedule a layer:
//   sample_chunks  runs on slices of a few samples, several slices on different threads, all
//                  layers of a run of such layers back to back while the slice is in cache;
//   whole_batch    runs once on the whole batch and parallelises inside (a GEMM over the
//                  batch, a batched circuit evaluator);
//   either         elementwise and reshaping layers: join whichever kind precedes them.
enum class Placement { sample_chunks, whole_batch, either };

class Layer {
public:
    virtual ~Layer() = default;

    // Type and every hyperparameter, e.g. "Conv2d(1->6, kernel 5, stride 1, padding 0, bias)".
    // The model file stores it to check that a file fits the architecture it is loaded into.
    virtual std::string describe() const = 0;
    // Output shape for an input shape; an Error naming the expected and the found shape.
    virtual Shape output_shape(const Shape& input) const = 0;
    virtual void forward(const Tensor& in, Tensor& out, const BatchSlice& slice) = 0;
    virtual void backward(const Tensor& in, const Tensor& out, const Tensor& grad_out,
                          Tensor* grad_in, std::span<Tensor* const> param_grads,
                          const BatchSlice& slice) = 0;

    virtual Placement placement() const { return Placement::either; }
    virtual std::span<Parameter> parameters() { return {}; }
    // Training mode changes dropout only; other layers ignore it.
    virtual void set_training(bool /*training*/) {}
};

// Shape checks shared by the layers; each throws an Error that names the layer, the expected
// shape and the shape found.
void require_rank(const Shape& shape, int rank, const std::string& layer, const char* expected);
void require_same_shape(const Tensor& a, const Tensor& b, const std::string& layer,
                        const char* a_name, const char* b_name);
// Checks that param_grads is empty or has one tensor per parameter, shaped like it.
void require_param_grads(std::span<Tensor* const> param_grads, std::span<const Parameter> params,
                         const std::string& layer);

}  // namespace qmlr::nn
