#include "quantum/builders.hpp"

#include <numbers>
#include <string>

#include "core/error.hpp"

namespace qmlr::quantum {
namespace {

template <class AddPair>
void for_each_ring_pair(int n, AddPair&& add) {
    if (n == 2) add(0, 1);
    if (n <= 2) return;
    for (int q = 0; q < n; ++q) add(q, (q + 1) % n);
}

}  // namespace

void append_angle_encoding(Circuit& circuit, GateKind rotation, std::size_t first_input,
                           double scale) {
    require(rotation == GateKind::rx || rotation == GateKind::ry,
            "angle encoding uses RX or RY, got gate kind " +
                std::to_string(static_cast<int>(rotation)));
    for (int q = 0; q < circuit.num_qubits(); ++q) {
        const Angle a = Angle::input(first_input + static_cast<std::size_t>(q), scale);
        if (rotation == GateKind::rx) circuit.rx(q, a);
        else circuit.ry(q, a);
    }
}

void append_cz_ring(Circuit& circuit) {
    for_each_ring_pair(circuit.num_qubits(), [&](int a, int b) { circuit.cz(a, b); });
}

void append_cnot_ring(Circuit& circuit) {
    for_each_ring_pair(circuit.num_qubits(), [&](int a, int b) { circuit.cnot(a, b); });
}

std::size_t append_ry_cz_ring_layer(Circuit& circuit, std::size_t first_parameter) {
    const int n = circuit.num_qubits();
    for (int q = 0; q < n; ++q) circuit.ry(q, Angle::parameter(first_parameter + q));
    append_cz_ring(circuit);
    return first_parameter + static_cast<std::size_t>(n);
}

std::size_t append_ry_rz_cnot_ring_layer(Circuit& circuit, std::size_t first_parameter) {
    const int n = circuit.num_qubits();
    for (int q = 0; q < n; ++q) {
        circuit.ry(q, Angle::parameter(first_parameter + q));
        circuit.rz(q, Angle::parameter(first_parameter + n + q));
    }
    append_cnot_ring(circuit);
    return first_parameter + 2 * static_cast<std::size_t>(n);
}

void append_fixed_gates(Circuit& circuit, std::span<const FixedGate> gates) {
    for (const FixedGate& g : gates) {
        const int a = g.qubits[0], b = g.qubits[1];
        const Angle angle = Angle::constant(g.angle);
        switch (g.kind) {
            case GateKind::x: circuit.x(a); break;
            case GateKind::y: circuit.y(a); break;
            case GateKind::z: circuit.z(a); break;
            case GateKind::h: circuit.h(a); break;
            case GateKind::s: circuit.s(a); break;
            case GateKind::t: circuit.t(a); break;
            case GateKind::rx: circuit.rx(a, angle); break;
            case GateKind::ry: circuit.ry(a, angle); break;
            case GateKind::rz: circuit.rz(a, angle); break;
            case GateKind::phase_shift: circuit.phase_shift(a, angle); break;
            case GateKind::cnot: circuit.cnot(a, b); break;
            case GateKind::cz: circuit.cz(a, b); break;
            case GateKind::swap: circuit.swap(a, b); break;
            case GateKind::crx: circuit.crx(a, b, angle); break;
            case GateKind::cry: circuit.cry(a, b, angle); break;
            case GateKind::crz: circuit.crz(a, b, angle); break;
            default:
                throw Error("a fixed gate list takes fixed or single-angle gates, got gate kind " +
                            std::to_string(static_cast<int>(g.kind)) +
                            "; add rot and matrix gates with the Circuit methods");
        }
    }
}

Circuit qplr_circuit(int n_qubits, int layers) {
    require(layers >= 0, "QPLR layer count must be >= 0, got " + std::to_string(layers));
    Circuit circuit(n_qubits);
    append_angle_encoding(circuit, GateKind::ry);
    std::size_t next = 0;
    for (int l = 0; l < layers; ++l) next = append_ry_cz_ring_layer(circuit, next);
    return circuit;
}

Circuit quantum_patch_circuit(std::span<const double, 4> w) {
    Circuit circuit(4);
    append_angle_encoding(circuit, GateKind::rx, 0, std::numbers::pi);
    const FixedGate gates[] = {
        {GateKind::ry, {1, -1}, w[0]}, {GateKind::rx, {2, -1}, w[1]}, {GateKind::cnot, {1, 3}},
        {GateKind::rz, {2, -1}, w[2]}, {GateKind::rx, {2, -1}, w[3]},
    };
    append_fixed_gates(circuit, gates);
    return circuit;
}

}  // namespace qmlr::quantum
