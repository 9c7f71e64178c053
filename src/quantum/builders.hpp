#pragma once
// Builders for the circuit layers the three papers use. Each appends to a circuit and returns
// the next unused parameter index, so layers chain: p = layer(c, p); p = layer(c, p); ...
// Qubits are our qubits (0 = least significant); convert PennyLane wires with
// pennylane_wire_to_qubit first where the basis order matters.
#include <cstddef>
#include <span>

#include "quantum/circuit.hpp"

namespace qmlr::quantum {

// Encoding gate on every qubit q: R(scale·x[first_input + q]), R = RX or RY.
void append_angle_encoding(Circuit& circuit, GateKind rotation, std::size_t first_input = 0,
                           double scale = 1.0);

// The ring of nearest-neighbour pairs (q, q+1 mod n) for q = 0..n−1; for n = 2 the single pair
// (0, 1), for n = 1 none.
void append_cz_ring(Circuit& circuit);
void append_cnot_ring(Circuit& circuit);

// RY(θ[first + q]) on every qubit, then a CZ ring (the QPLR layer). Returns first + n.
std::size_t append_ry_cz_ring_layer(Circuit& circuit, std::size_t first_parameter);

// RY(θ[first + q]) then RZ(θ[first + n + q]) on every qubit, then CNOT(q → q+1 mod n) in order
// q = 0, 1, … (the quantum-patches QNN layer). Returns first + 2n.
std::size_t append_ry_rz_cnot_ring_layer(Circuit& circuit, std::size_t first_parameter);

// A gate of a fixed gate list: 1-qubit gates use qubits[0]; 2-qubit gates (control, target).
struct FixedGate {
    GateKind kind;
    std::array<int, 2> qubits{-1, -1};
    double angle = 0.0;  // for rx, ry, rz, phase_shift, crx, cry, crz
};
// Appends the gates with constant angles; only fixed and single-angle kinds are accepted.
void append_fixed_gates(Circuit& circuit, std::span<const FixedGate> gates);

// The QPLR teacher circuit: RY(x_q) encoding, then `layers` × [RY on all + CZ ring];
// θ has layers·n entries. Outputs: all probabilities.
Circuit qplr_circuit(int n_qubits, int layers);

// The quantum-patch filter of the authors' code (docs/quantum_patches.md §5.2): on 4 qubits,
// RX(π·x_j) on qubit j, then RY(w0)@1, RX(w1)@2, CNOT(1→3), RZ(w2)@2, RX(w3)@2.
Circuit quantum_patch_circuit(std::span<const double, 4> weights);

}  // namespace qmlr::quantum
