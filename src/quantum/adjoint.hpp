#pragma once
// Gradients by the adjoint method (Jones & Gacon, arXiv:2009.02823) as a vector–Jacobian
// product. For outputs whose gradient seed is λ = Gψ (outputs.hpp), dL/dα for a gate angle α of
// operation i is 2 Re⟨λ_i| dU_i/dα |ψ_{i−1}⟩, where ψ_{i−1} is the state before gate i and
// λ_i = U_{i+1}† … U_m† Gψ. Walking the circuit backwards keeps only ψ and λ: memory is one
// state vector beyond the forward state.
#include <span>
#include <vector>

#include "quantum/circuit.hpp"
#include "quantum/execution_plan.hpp"
#include "quantum/outputs.hpp"
#include "quantum/state_vector.hpp"

namespace qmlr::quantum {

// The backward walk for a circuit run from |0…0⟩ with plan.run_from_zero. `psi` holds the final
// state and is consumed (it is rewound gate by gate, then used as scratch); `lambda` holds the
// seed Gψ and is consumed too. Adds dL/dθ into grad_theta
// (num_parameters) and dL/dx into grad_x (num_inputs). Amp = double (real circuits) or Complex.
template <class Amp>
void adjoint_backward(const ExecutionPlan& plan, const double* theta, const double* x, Amp* psi,
                      Amp* lambda, double* grad_theta, double* grad_x);

struct CircuitGradients {
    std::vector<double> theta;  // dL/dθ, num_parameters
    std::vector<double> x;      // dL/dx, num_inputs
};

// One sample from |0…0⟩: runs the circuit, then the backward walk for
// dL/d(outputs) = grad_outputs (outputs.size(n) values). Allocates; for many samples use
// BatchedEvaluator.
CircuitGradients adjoint_vjp(const Circuit& circuit, std::span<const double> theta,
                             std::span<const double> x, const Outputs& outputs,
                             std::span<const double> grad_outputs);

}  // namespace qmlr::quantum
