#include "experiments/quantum_patches/patch_filter.hpp"

#include <cmath>
#include <numbers>

#include "core/error.hpp"
#include "quantum/gate_matrices.hpp"

namespace qmlr::quantum_patches {

using quantum::FixedGate;
using quantum::GateKind;

std::string to_string(GateList gates) {
    switch (gates) {
        case GateList::pennylane_0_29: return "pennylane>=0.29";
        case GateList::legacy: return "pennylane<0.29";
        case GateList::none: return "none";
    }
    return "?";
}

std::string to_string(Encoding encoding) {
    return encoding == Encoding::rx ? "RX(pi x)" : "RX(pi x) RY(pi x)";
}

std::vector<FixedGate> random_layer_gates(GateList gates, std::span<const double, 4> w) {
    switch (gates) {
        case GateList::pennylane_0_29:
            return {{GateKind::ry, {1, -1}, w[0]}, {GateKind::rx, {2, -1}, w[1]}, {GateKind::cnot, {1, 3}},
                    {GateKind::rz, {2, -1}, w[2]}, {GateKind::rx, {2, -1}, w[3]}};
        case GateList::legacy:
            return {{GateKind::rx, {0, -1}, w[0]}, {GateKind::rz, {3, -1}, w[1]}, {GateKind::cnot, {2, 1}},
                    {GateKind::cnot, {3, 0}},      {GateKind::ry, {0, -1}, w[2]}, {GateKind::rx, {0, -1}, w[3]}};
        case GateList::none: return {};
    }
    return {};
}

quantum::Circuit patch_filter_circuit(const PatchFilterConfig& config) {
    quantum::Circuit circuit(4);
    for (int q = 0; q < 4; ++q) {
        circuit.rx(q, quantum::Angle::input(static_cast<std::size_t>(q), std::numbers::pi));
        if (config.encoding == Encoding::rx_then_ry)
            circuit.ry(q, quantum::Angle::input(static_cast<std::size_t>(q), std::numbers::pi));
    }
    const auto gates = random_layer_gates(config.gates, config.weights);
    quantum::append_fixed_gates(circuit, gates);
    return circuit;
}

PatchFilter::PatchFilter(const PatchFilterConfig& config) : config_(config) {
    for (const FixedGate& gate : random_layer_gates(config.gates, config.weights)) {
        Step step;
        if (gate.kind == GateKind::cnot) {
            step.cnot = true;
            step.control = gate.qubits[0];
            step.target = gate.qubits[1];
        } else {
            quantum::Matrix2 u;
            switch (gate.kind) {
                case GateKind::rx: u = quantum::rx(gate.angle); break;
                case GateKind::ry: u = quantum::ry(gate.angle); break;
                case GateKind::rz: u = quantum::rz(gate.angle); break;
                default: throw Error("PatchFilter: unexpected gate kind in the random layer");
            }
            step.target = gate.qubits[0];
            for (int k = 0; k < 4; ++k) {
                step.re[k] = u.m[static_cast<std::size_t>(k)].real();
                step.im[k] = u.m[static_cast<std::size_t>(k)].imag();
            }
        }
        steps_.push_back(step);
    }
}

void PatchFilter::evaluate(const double* x, double* z) const {
    // Product state ⊗_j v_j with v_j = [RY(πx_j)]·RX(πx_j)|0⟩ (qubit j = bit j of the index).
    double vr[4][2], vi[4][2];
    for (int j = 0; j < 4; ++j) {
        const double half = 0.5 * std::numbers::pi * x[j];
        const double c = std::cos(half), s = std::sin(half);
        // RX(a)|0⟩ = (cos a/2, −i sin a/2)
        vr[j][0] = c, vi[j][0] = 0.0, vr[j][1] = 0.0, vi[j][1] = -s;
        if (config_.encoding == Encoding::rx_then_ry) {
            // RY(a) = [[c, −s], [s, c]] applied to (c, −i s)
            vr[j][0] = c * c, vi[j][0] = s * s;
            vr[j][1] = s * c, vi[j][1] = -c * s;
        }
    }
    double re[16], im[16];
    for (int k = 0; k < 16; ++k) {
        double r = 1.0, i = 0.0;
        for (int j = 0; j < 4; ++j) {
            const int b = (k >> j) & 1;
            const double nr = r * vr[j][b] - i * vi[j][b];
            i = r * vi[j][b] + i * vr[j][b];
            r = nr;
        }
        re[k] = r, im[k] = i;
    }
    for (const Step& step : steps_) {
        const int t = 1 << step.target;
        if (step.cnot) {
            const int c = 1 << step.control;
            for (int k = 0; k < 16; ++k)
                if ((k & c) && !(k & t)) {
                    std::swap(re[k], re[k | t]);
                    std::swap(im[k], im[k | t]);
                }
            continue;
        }
        for (int k = 0; k < 16; ++k) {
            if (k & t) continue;
            const double r0 = re[k], i0 = im[k], r1 = re[k | t], i1 = im[k | t];
            re[k] = step.re[0] * r0 - step.im[0] * i0 + step.re[1] * r1 - step.im[1] * i1;
            im[k] = step.re[0] * i0 + step.im[0] * r0 + step.re[1] * i1 + step.im[1] * r1;
            re[k | t] = step.re[2] * r0 - step.im[2] * i0 + step.re[3] * r1 - step.im[3] * i1;
            im[k | t] = step.re[2] * i0 + step.im[2] * r0 + step.re[3] * i1 + step.im[3] * r1;
        }
    }
    for (int j = 0; j < 4; ++j) z[j] = 0.0;
    for (int k = 0; k < 16; ++k) {
        const double p = re[k] * re[k] + im[k] * im[k];
        for (int j = 0; j < 4; ++j) z[j] += (k >> j) & 1 ? -p : p;
    }
}

}  // namespace qmlr::quantum_patches
