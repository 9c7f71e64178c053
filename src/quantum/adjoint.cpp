#include "quantum/adjoint.hpp"

#include <algorithm>
#include <string>

#include "core/error.hpp"
#include "quantum/execution.hpp"
#include "quantum/kernel_dispatch.hpp"

namespace qmlr::quantum {
namespace {

double real_part(double v) { return v; }
double real_part(const Complex& v) { return v.real(); }
double conj_value(double v) { return v; }
Complex conj_value(const Complex& v) { return std::conj(v); }

// Adds dL/dangle into the gradient of the angle's source (θ or x) by the chain rule.
void accumulate(const Angle& a, double dl_dangle, double* grad_theta, double* grad_x) {
    if (a.source == Angle::Source::parameter) grad_theta[a.index] += a.scale * dl_dangle;
    else if (a.source == Angle::Source::input) grad_x[a.index] += a.scale * dl_dangle;
}

// 2-vector M·f.
std::array<Complex, 2> times(const Matrix2& m, const std::array<Complex, 2>& f) {
    return {m.m[0] * f[0] + m.m[1] * f[1], m.m[2] * f[0] + m.m[3] * f[1]};
}

// Gradients of the product-state prefix (execution_plan.hpp). With ψ = ⊗_p v_p and λ the adjoint
// state at the start of the remaining circuit, ⟨λ|∂ψ/∂α⟩ for a gate of qubit q's prefix is
// Σ_b ∂v_q(b)·c_q(b), c_q(b) = Σ_{other bits} conj(λ) Π_{p≠q} v_p. Sweeping q from the top,
// H_q = λ contracted with conj(v_p) for p > q (2^(q+1) entries, in place in lambda) and
// L_q = ⊗_{p<q} v_p (2^q entries, in scratch) give c_q in O(2^q): O(2^n) in all.
template <class Amp>
void prefix_backward(const ExecutionPlan& plan, const double* theta, const double* x,
                     Amp* scratch, Amp* lambda, double* grad_theta, double* grad_x) {
    const Circuit& circuit = plan.circuit();
    const int n = circuit.num_qubits();
    std::array<std::array<Amp, 2>, kMaxQubitsInPlan> v;
    plan.prefix_factors(theta, x, v.data());
    std::array<GateDerivative, 3> derivatives;
    for (int q = n - 1; q >= 0; --q) {
        const std::size_t half = std::size_t{1} << q;
        const auto prefix = plan.prefix(q);
        const bool parametric = std::any_of(prefix.begin(), prefix.end(), [&](std::uint32_t i) {
            return circuit.operations()[i].angle_count > 0;
        });
        if (parametric) {
            expand_product_state(v.data(), q, scratch);
            // Two partial sums per entry (even and odd low) shorten the addition chains.
            Amp c0 = conj_value(lambda[0]) * scratch[0], c1 = conj_value(lambda[half]) * scratch[0];
            Amp c0_odd{}, c1_odd{};
            for (std::size_t low = 1; low + 1 < half; low += 2) {
                c0_odd += conj_value(lambda[low]) * scratch[low];
                c1_odd += conj_value(lambda[half + low]) * scratch[low];
                c0 += conj_value(lambda[low + 1]) * scratch[low + 1];
                c1 += conj_value(lambda[half + low + 1]) * scratch[low + 1];
            }
            if (half > 1) {
                c0_odd += conj_value(lambda[half - 1]) * scratch[half - 1];
                c1_odd += conj_value(lambda[2 * half - 1]) * scratch[half - 1];
            }
            c0 += c0_odd;
            c1 += c1_odd;
            // f_j = M_j ⋯ M_1 |0⟩; for gate j, ∂v_q = M_k ⋯ M_{j+1} D f_{j-1}.
            std::array<Complex, 2> before{1.0, 0.0};
            for (std::size_t j = 0; j < prefix.size(); ++j) {
                const Operation& op = circuit.operations()[prefix[j]];
                const Matrix2 u = resolve_gate(circuit, op, theta, x).u;
                const int count = gate_derivatives(op, u, theta, x, derivatives);
                for (int k = 0; k < count; ++k) {
                    std::array<Complex, 2> dv = times(derivatives[k].d, before);
                    for (std::size_t later = j + 1; later < prefix.size(); ++later)
                        dv = times(resolve_gate(circuit, circuit.operations()[prefix[later]],
                                                theta, x).u, dv);
                    const double dl_dangle =
                        2.0 * (dv[0] * Complex(c0) + dv[1] * Complex(c1)).real();
                    accumulate(op.angles[k], dl_dangle, grad_theta, grad_x);
                }
                before = times(u, before);
            }
        }
        const Amp w0 = conj_value(v[q][0]), w1 = conj_value(v[q][1]);
        for (std::size_t low = 0; low < half; ++low)
            lambda[low] = lambda[low] * w0 + lambda[half + low] * w1;
    }
}

}  // namespace

template <class Amp>
void adjoint_backward(const ExecutionPlan& plan, const double* theta, const double* x, Amp* psi,
                      Amp* lambda, double* grad_theta, double* grad_x) {
    const int n = plan.circuit().num_qubits();
    const auto ops = plan.circuit().operations();
    const auto steps = plan.steps();
    std::array<GateDerivative, 3> derivatives;
    for (std::size_t s = steps.size(); s-- > 0;) {
        if (steps[s].diagonal < 0) {
            const Operation& op = ops[steps[s].op];
            const ResolvedGate gate = resolve_gate(plan.circuit(), op, theta, x);
            const bool one_qubit = gate.shape == ResolvedGate::Shape::matrix_1q ||
                                   gate.shape == ResolvedGate::Shape::diagonal_1q;
            if (one_qubit && gate_derivatives(op, gate.u, theta, x, derivatives) == 1) {
                // Undo on psi, derivative term and undo on lambda in one pass.
                const double dl_dangle = 2.0 * real_part(adjoint_step_1q(
                                                   psi, lambda, n, gate.qubits[0],
                                                   adjoint(gate.u), derivatives[0].d, true));
                accumulate(op.angles[0], dl_dangle, grad_theta, grad_x);
                continue;
            }
        }
        plan.undo_step(s, psi, theta, x);  // psi: the state before step s
        if (steps[s].diagonal < 0) {
            const Operation& op = ops[steps[s].op];
            const Matrix2 u = resolve_gate(plan.circuit(), op, theta, x).u;
            const int count = gate_derivatives(op, u, theta, x, derivatives);
            for (int j = 0; j < count; ++j) {
                const GateDerivative& d = derivatives[j];
                const double dl_dangle =
                    2.0 * real_part(matrix_element_1q(lambda, psi, n, d.control, d.target, d.d));
                accumulate(op.angles[j], dl_dangle, grad_theta, grad_x);
            }
        }
        plan.undo_step(s, lambda, theta, x);
    }
    // psi now holds the product state, no longer needed: it is the scratch of the prefix sweep.
    prefix_backward(plan, theta, x, psi, lambda, grad_theta, grad_x);
}

CircuitGradients adjoint_vjp(const Circuit& circuit, std::span<const double> theta,
                             std::span<const double> x, const Outputs& outputs,
                             std::span<const double> grad_outputs) {
    const int n = circuit.num_qubits();
    check_circuit_arguments(circuit, theta, x);
    outputs.check(n);
    require(grad_outputs.size() == outputs.size(n),
            "dL/d(outputs) must have " + std::to_string(outputs.size(n)) + " values, got " +
                std::to_string(grad_outputs.size()));
    StateVector psi(n);
    const ExecutionPlan plan(circuit);
    plan.run_from_zero(psi.data(), theta.data(), x.data());
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
