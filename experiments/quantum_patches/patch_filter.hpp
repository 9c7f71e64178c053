#pragma once
// The fixed random-quantum-circuit filter of the quantum patches (docs/quantum_patches.md §5.1,
// §7.2):
// four pixel values x_0..x_3 of a 2×2 block (TL, TR, BL, BR) go to qubits 0..3, each is encoded
// by RX(π·x_j) (optionally followed by RY(π·x_j)), a fixed gate list (PennyLane RandomLayers,
// seed 42, one layer of 4 weights) acts on the 4 qubits, and the exact ⟨Z_0⟩..⟨Z_3⟩ are read.
//
// Two implementations of the same filter:
//   patch_filter_circuit  a quantum::Circuit for the general simulator (the reference);
//   PatchFilter           a specialised 16-amplitude kernel with the fixed gates' matrices
//                         precomputed and real/imaginary parts in separate arrays, for the
//                         ~15M blocks of a dataset (the unit tests compare it with the circuit).
#include <array>
#include <span>
#include <vector>

#include "quantum/builders.hpp"
#include "quantum/circuit.hpp"

namespace qmlr::quantum_patches {

// The random layer's gate list for RandomLayers(seed=42), which depends on the PennyLane
// version that built it (docs/quantum_patches.md §5.2).
enum class GateList {
    pennylane_0_29,  // ≥ 0.29: RY(w0)@1, RX(w1)@2, CNOT(1→3), RZ(w2)@2, RX(w3)@2 (the main one)
    legacy,          // < 0.29: RX(w0)@0, RZ(w1)@3, CNOT(2→1), CNOT(3→0), RY(w2)@0, RX(w3)@0
    none,            // no random layer: encoding only (tests: ⟨Z_j⟩ = cos πx_j)
};

enum class Encoding {
    rx,         // RX(π·x_j) (repo T, the main one)
    rx_then_ry  // RX(π·x_j) then RY(π·x_j) (repo L's variant)
};

// The seeded weights of repo T: 2π·U[0,1) draws of NumPy seeded with 0.
inline constexpr std::array<double, 4> kPatchWeights = {3.448296944257913, 4.493667318642264,
                                                        3.787273988239316, 3.4236020095353483};

struct PatchFilterConfig {
    GateList gates = GateList::pennylane_0_29;
    Encoding encoding = Encoding::rx;
    std::array<double, 4> weights = kPatchWeights;
};

std::string to_string(GateList gates);
std::string to_string(Encoding encoding);

// The random layer as fixed gates, in application order (qubit j = wire j).
std::vector<quantum::FixedGate> random_layer_gates(GateList gates, std::span<const double, 4> weights);

// The whole filter on the general simulator: inputs x_0..x_3, outputs ⟨Z_0⟩..⟨Z_3⟩ via
// quantum::Outputs::expval_z({0, 1, 2, 3}).
quantum::Circuit patch_filter_circuit(const PatchFilterConfig& config);

class PatchFilter {
public:
    explicit PatchFilter(const PatchFilterConfig& config = {});

    const PatchFilterConfig& config() const { return config_; }
    // x (4 block values) -> z (⟨Z_0⟩..⟨Z_3⟩), in double.
    void evaluate(const double* x, double* z) const;

private:
    // One fixed gate: a 2×2 matrix on `target`, or a CNOT(control → target).
    struct Step {
        bool cnot = false;
        int control = -1, target = 0;
        double re[4] = {}, im[4] = {};  // row-major m00, m01, m10, m11
    };

    PatchFilterConfig config_;
    std::vector<Step> steps_;
};

}  // namespace qmlr::quantum_patches
