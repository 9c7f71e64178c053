#pragma once
// A variational circuit as a layer (quantum/batched.hpp does the simulation).
//   in (B, I) -> out (B, O)
//   sample b runs the circuit from |0…0⟩ with encoded inputs x = in[b] (I = the circuit's
//   num_inputs(); Angle::input(i, scale) applies any scale) and trainable angles θ
//   (parameter "theta", num_parameters() values, initialised U[0, 2π)); out[b] are the
//   chosen outputs: ⟨Z_q⟩ values or (marginal) probabilities.
// Backward: the adjoint vector–Jacobian product gives dL/dθ (summed over the batch) and
// dL/dx; samples run in parallel inside the evaluator, with partial dL/dθ added in a fixed
// order, so results do not depend on the thread count.
// Precision: float tensors and θ outside; inputs, θ and the state in double inside; outputs
// and gradients are rounded to float on the way out.
#include <vector>

#include "nn/layer.hpp"
#include "quantum/batched.hpp"

namespace qmlr::nn {

class QuantumLayer : public Layer {
public:
    QuantumLayer(quantum::Circuit circuit, quantum::Outputs outputs);

    std::string describe() const override;
    Shape output_shape(const Shape& input) const override;
    void forward(const Tensor& in, Tensor& out, const BatchSlice& slice) override;
    void backward(const Tensor& in, const Tensor& out, const Tensor& grad_out, Tensor* grad_in,
                  std::span<Tensor* const> param_grads, const BatchSlice& slice) override;
    Placement placement() const override { return Placement::whole_batch; }
    std::span<Parameter> parameters() override { return params_; }

    Parameter& theta() { return params_[0]; }
    const quantum::BatchedEvaluator& evaluator() const { return evaluator_; }

private:
    // in (float) -> inputs_, θ (float) -> theta_ (double).
    void load(const Tensor& in);

    quantum::BatchedEvaluator evaluator_;
    std::string outputs_name_;
    std::vector<Parameter> params_;
    std::vector<double> inputs_, theta_, values_, grad_values_, grad_theta_, grad_inputs_;
};

}  // namespace qmlr::nn
