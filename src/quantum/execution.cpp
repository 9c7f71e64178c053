#include "quantum/execution.hpp"

#include <cmath>
#include <string>

#include "core/error.hpp"
#include "quantum/kernel_dispatch.hpp"

namespace qmlr::quantum {
namespace {

using Shape = ResolvedGate::Shape;

ResolvedGate one_qubit(Shape shape, const Operation& op, const Matrix2& u) {
    return {shape, op.qubits, u};
}

double angle(const Operation& op, int j, const double* theta, const double* x) {
    return op.angles[j].resolve(theta, x);
}

const Matrix4& swap_gate() {
    static const Matrix4 matrix = swap_matrix();
    return matrix;
}

void check_finite(std::span<const double> values, const char* name) {
    for (std::size_t i = 0; i < values.size(); ++i)
        if (!std::isfinite(values[i]))
            throw Error(std::string(name) + "[" + std::to_string(i) +
                        "] must be a finite angle, got " + std::to_string(values[i]));
}

}  // namespace

ResolvedGate resolve_gate(const Circuit& circuit, const Operation& op, const double* theta,
                          const double* x) {
    switch (op.kind) {
        case GateKind::x: return one_qubit(Shape::matrix_1q, op, pauli_x());
        case GateKind::y: return one_qubit(Shape::matrix_1q, op, pauli_y());
        case GateKind::z: return one_qubit(Shape::diagonal_1q, op, pauli_z());
        case GateKind::h: return one_qubit(Shape::matrix_1q, op, hadamard());
        case GateKind::s: return one_qubit(Shape::diagonal_1q, op, s_gate());
        case GateKind::t: return one_qubit(Shape::diagonal_1q, op, t_gate());
        case GateKind::rx: return one_qubit(Shape::matrix_1q, op, rx(angle(op, 0, theta, x)));
        case GateKind::ry: return one_qubit(Shape::matrix_1q, op, ry(angle(op, 0, theta, x)));
        case GateKind::rz: return one_qubit(Shape::diagonal_1q, op, rz(angle(op, 0, theta, x)));
        case GateKind::phase_shift:
            return one_qubit(Shape::diagonal_1q, op, phase_shift(angle(op, 0, theta, x)));
        case GateKind::rot:
            return one_qubit(Shape::matrix_1q, op,
                             rot(angle(op, 0, theta, x), angle(op, 1, theta, x),
                                 angle(op, 2, theta, x)));
        case GateKind::unitary:
            return one_qubit(Shape::matrix_1q, op, circuit.matrix2(op.matrix_index));
        case GateKind::cnot: return one_qubit(Shape::controlled_matrix_1q, op, pauli_x());
        case GateKind::cz: return one_qubit(Shape::controlled_diagonal_1q, op, pauli_z());
        case GateKind::crx:
            return one_qubit(Shape::controlled_matrix_1q, op, rx(angle(op, 0, theta, x)));
        case GateKind::cry:
            return one_qubit(Shape::controlled_matrix_1q, op, ry(angle(op, 0, theta, x)));
        case GateKind::crz:
            return one_qubit(Shape::controlled_diagonal_1q, op, rz(angle(op, 0, theta, x)));
        case GateKind::controlled_unitary:
            return one_qubit(Shape::controlled_matrix_1q, op, circuit.matrix2(op.matrix_index));
        case GateKind::swap: return {Shape::matrix_2q, op.qubits, {}, &swap_gate(), false};
        case GateKind::unitary_2q:
            return {Shape::matrix_2q, op.qubits, {}, &circuit.matrix4(op.matrix_index), false};
    }
    throw Error("unknown gate kind " + std::to_string(static_cast<int>(op.kind)));
}

ResolvedGate inverse(const ResolvedGate& gate) {
    ResolvedGate out = gate;
    out.u = adjoint(gate.u);
    out.adjoint_u4 = !gate.adjoint_u4;
    return out;
}

template <class Amp>
void apply_gate(Amp* a, int n, const ResolvedGate& g) {
    switch (g.shape) {
        case Shape::matrix_1q: apply_matrix_1q(a, n, g.qubits[0], g.u); return;
        case Shape::diagonal_1q: apply_diagonal_1q(a, n, g.qubits[0], g.u.m[0], g.u.m[3]); return;
        case Shape::controlled_matrix_1q:
            apply_controlled_matrix_1q(a, n, g.qubits[0], g.qubits[1], g.u);
            return;
        case Shape::controlled_diagonal_1q:
            apply_controlled_diagonal_1q(a, n, g.qubits[0], g.qubits[1], g.u.m[0], g.u.m[3]);
            return;
        case Shape::matrix_2q:
            apply_matrix_2q(a, n, g.qubits[0], g.qubits[1], g.adjoint_u4 ? adjoint(*g.u4) : *g.u4);
            return;
    }
}

int gate_derivatives(const Operation& op, const Matrix2& u, const double* theta, const double* x,
                     std::array<GateDerivative, 3>& out) {
    const int target = op.qubits[0];
    switch (op.kind) {
        case GateKind::rx: out[0] = {multiply(rx_generator(), u), -1, target}; return 1;
        case GateKind::ry: out[0] = {multiply(ry_generator(), u), -1, target}; return 1;
        case GateKind::rz: out[0] = {multiply(rz_generator(), u), -1, target}; return 1;
        case GateKind::phase_shift:
            out[0] = {multiply(phase_shift_generator(), u), -1, target};
            return 1;
        case GateKind::rot: {
            const auto d = rot_derivatives(angle(op, 0, theta, x), angle(op, 1, theta, x),
                                           angle(op, 2, theta, x));
            for (int j = 0; j < 3; ++j) out[j] = {d[j], -1, target};
            return 3;
        }
        case GateKind::crx:
            out[0] = {multiply(rx_generator(), u), op.qubits[0], op.qubits[1]};
            return 1;
        case GateKind::cry:
            out[0] = {multiply(ry_generator(), u), op.qubits[0], op.qubits[1]};
            return 1;
        case GateKind::crz:
            out[0] = {multiply(rz_generator(), u), op.qubits[0], op.qubits[1]};
            return 1;
        default:
            return 0;
    }
}

void check_circuit_arguments(const Circuit& circuit, std::span<const double> theta,
                             std::span<const double> x) {
    require(theta.size() >= circuit.num_parameters(),
            "circuit needs " + std::to_string(circuit.num_parameters()) +
                " trainable parameters (theta), got " + std::to_string(theta.size()));
    require(x.size() >= circuit.num_inputs(),
            "circuit needs " + std::to_string(circuit.num_inputs()) + " encoded inputs (x), got " +
                std::to_string(x.size()));
    check_finite(theta.first(circuit.num_parameters()), "theta");
    check_finite(x.first(circuit.num_inputs()), "x");
}

template <class Amp>
void run_unchecked(const Circuit& circuit, Amp* a, const double* theta, const double* x) {
    const int n = circuit.num_qubits();
    for (const Operation& op : circuit.operations())
        apply_gate(a, n, resolve_gate(circuit, op, theta, x));
}

void run(const Circuit& circuit, StateVector& state, std::span<const double> theta,
         std::span<const double> x) {
    require(state.num_qubits() == circuit.num_qubits(),
            "circuit of " + std::to_string(circuit.num_qubits()) +
                " qubits cannot run on a state of " + std::to_string(state.num_qubits()) +
                " qubits");
    check_circuit_arguments(circuit, theta, x);
    run_unchecked(circuit, state.data(), theta.data(), x.data());
}

template void apply_gate<double>(double*, int, const ResolvedGate&);
template void apply_gate<Complex>(Complex*, int, const ResolvedGate&);
template void run_unchecked<double>(const Circuit&, double*, const double*, const double*);
template void run_unchecked<Complex>(const Circuit&, Complex*, const double*, const double*);

}  // namespace qmlr::quantum
