#include "quantum/adjoint.hpp"

#include <string>

#include "core/error.hpp"
#include "quantum/execution.hpp"
#include "quantum/kernel_dispatch.hpp"

namespace qmlr::quantum {
namespace {

double real_part(double v) { return v; }
double real_part(const Complex& v) { return v.real(); }

// Adds dL/dangle into the gradient of the angle's source (θ or x) by the chain rule.
void accumulate(const Angle& a, double dl_dangle, double* grad_theta, double* grad_x) {
    if (a.source == Angle::Source::parameter) grad_theta[a.index] += a.scale * dl_dangle;
    else if (a.source == Angle::Source::input) grad_x[a.index] += a.scale * dl_dangle;
}

}  // namespace

template <class Amp>
void adjoint_backward(const ExecutionPlan& plan, const double* theta, const double* x, Amp* psi,
                      Amp* lambda, double* grad_theta, double* grad_x) {
    const int n = plan.circuit().num_qubits();
    const auto ops = plan.circuit().operations();
    const auto steps = plan.steps();
    // Steps before the first parametric one cannot contribute: the walk stops there.
    const std::size_t first = plan.first_parametric_step();
    std::array<GateDerivative, 3> derivatives;
    for (std::size_t s = steps.size(); s-- > first;) {
        if (steps[s].diagonal < 0) {
            const Operation& op = ops[steps[s].op];
            const ResolvedGate gate = resolve_gate(plan.circuit(), op, theta, x);
            const bool one_qubit = gate.shape == ResolvedGate::Shape::matrix_1q ||
                                   gate.shape == ResolvedGate::Shape::diagonal_1q;
            if (one_qubit && gate_derivatives(op, theta, x, derivatives) == 1) {
                // Undo on psi, derivative term and undo on lambda in one pass.
                const double dl_dangle = 2.0 * real_part(adjoint_step_1q(
                                                   psi, lambda, n, gate.qubits[0],
                                                   adjoint(gate.u), derivatives[0].d, s > first));
                accumulate(op.angles[0], dl_dangle, grad_theta, grad_x);
                continue;
            }
        }
        plan.undo_step(s, psi, theta, x);  // psi: the state before step s
        if (steps[s].diagonal < 0) {
            const Operation& op = ops[steps[s].op];
            const int count = gate_derivatives(op, theta, x, derivatives);
            for (int j = 0; j < count; ++j) {
                const GateDerivative& d = derivatives[j];
                const double dl_dangle =
                    2.0 * real_part(matrix_element_1q(lambda, psi, n, d.control, d.target, d.d));
                accumulate(op.angles[j], dl_dangle, grad_theta, grad_x);
            }
        }
        if (s > first) plan.undo_step(s, lambda, theta, x);
    }
}

CircuitGradients adjoint_vjp(const Circuit& circuit, std::span<const double> theta,
                             std::span<const double> x, const Outputs& outputs,
                             std::span<const double> grad_outputs, const StateVector* initial) {
    const int n = circuit.num_qubits();
    check_circuit_arguments(circuit, theta, x);
    outputs.check(n);
    require(grad_outputs.size() == outputs.size(n),
            "dL/d(outputs) must have " + std::to_string(outputs.size(n)) + " values, got " +
                std::to_string(grad_outputs.size()));
    StateVector psi(n);
    if (initial != nullptr) {
        require(initial->num_qubits() == n, "initial state must have " + std::to_string(n) +
                                                " qubits, got " +
                                                std::to_string(initial->num_qubits()));
        psi = *initial;
    }
    const ExecutionPlan plan(circuit);
    plan.run(psi.data(), theta.data(), x.data());
    StateVector lambda(n);
    adjoint_seed(outputs, psi.data(), n, grad_outputs.data(), lambda.data());
    CircuitGradients grads{std::vector<double>(circuit.num_parameters()),
                           std::vector<double>(circuit.num_inputs())};
    adjoint_backward(plan, theta.data(), x.data(), psi.data(), lambda.data(),
                     grads.theta.data(), grads.x.data());
    return grads;
}

template void adjoint_backward<double>(const ExecutionPlan&, const double*, const double*,
                                       double*, double*, double*, double*);
template void adjoint_backward<Complex>(const ExecutionPlan&, const double*, const double*,
                                        Complex*, Complex*, double*, double*);

}  // namespace qmlr::quantum
