#pragma once
// Runs circuits: resolves each operation's angles into a matrix and the kernel shape that
// applies it, applies gates and their inverses, and gives the derivative matrices the adjoint
// method needs. Templates over the amplitude type: Complex (general) or double (real path for
// circuits with Circuit::is_real()).
#include <array>
#include <span>

#include "quantum/circuit.hpp"
#include "quantum/state_vector.hpp"

namespace qmlr::quantum {

// One operation with its angles resolved.
struct ResolvedGate {
    enum class Shape : std::uint8_t {
        matrix_1q,               // u on qubits[0]
        diagonal_1q,             // diag(u00, u11) on qubits[0]
        controlled_matrix_1q,    // u on qubits[1] where qubits[0] is 1
        controlled_diagonal_1q,  // diag(u00, u11) on qubits[1] where qubits[0] is 1
        matrix_2q,               // *u4 (or its adjoint) on (qubits[0], qubits[1])
    };
    Shape shape;
    std::array<int, 2> qubits;
    Matrix2 u;
    const Matrix4* u4 = nullptr;
    bool adjoint_u4 = false;
};

ResolvedGate resolve_gate(const Circuit& circuit, const Operation& op, const double* theta,
                          const double* x);
// The gate's inverse (its adjoint).
ResolvedGate inverse(const ResolvedGate& gate);

template <class Amp>
void apply_gate(Amp* a, int n_qubits, const ResolvedGate& gate);

// d U / d(angle j) for each angle of a parametric operation, as a 2×2 matrix on `target`
// (restricted to control = 1 when control >= 0), given the operation's resolved matrix u (for a
// one-angle gate dU/dθ = K·u, no trigonometry). Returns the number of angles (0 for fixed
// gates).
struct GateDerivative {
    Matrix2 d;
    int control;
    int target;
};
int gate_derivatives(const Operation& op, const Matrix2& u, const double* theta, const double* x,
                     std::array<GateDerivative, 3>& out);

// Errors unless θ and x have at least the lengths the circuit needs and hold finite values.
void check_circuit_arguments(const Circuit& circuit, std::span<const double> theta,
                             std::span<const double> x);

// Applies every operation of the circuit to `a` (2^n amplitudes), no argument checks.
template <class Amp>
void run_unchecked(const Circuit& circuit, Amp* a, const double* theta, const double* x);

// Applies the circuit to `state` (which is not reset first).
void run(const Circuit& circuit, StateVector& state, std::span<const double> theta,
         std::span<const double> x);

}  // namespace qmlr::quantum
