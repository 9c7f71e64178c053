#pragma once
// The attacked hybrid CNN + VQC model (docs/quantum_patches.md §7.3; the paper's model is not
// known):
//   input (B, C, S, S), S = 32 (CIFAR/CINIC, C = 3) or 28 (MNIST, C = 1)
//   conv C→16 3×3 pad 1 → max-pool 2 → ReLU        (B, 16, S/2, S/2)
//   conv 16→32 3×3 pad 1 → max-pool 2 → ReLU       (B, 32, S/4, S/4)
//   flatten → Linear → 8 features z → tanh         (B, 8)
//   VQC on 8 qubits: RY(π/2 · tanh z_i) on qubit i, then 2 layers of
//     [RY(θ_l,i), RZ(β_l,i) on every qubit; CNOT(i → i+1 mod 8) for i = 0..7] → ⟨Z_i⟩   (B, 8)
//   Linear 8 → 10 → logits                         (B, 10)
// Each max-pool runs before its ReLU: ReLU is monotonic, so this equals ReLU-then-pool exactly
// (values and gradients) while the ReLU touches a quarter of the values. The scale π/2 of the
// encoding angle is applied in double inside the circuit (Angle::input scale).
// Circuit parameters (32): θ[l·16 + i] = RY angle θ_l,i, θ[l·16 + 8 + i] = RZ angle β_l,i.
#include <cstddef>

#include "nn/model.hpp"

namespace qmlr::quantum_patches {

inline constexpr int kFeatureQubits = 8;
inline constexpr int kCircuitLayers = 2;
inline constexpr int kClasses = 10;

nn::Model make_hybrid_model(int channels, int image_size);

// Index of the quantum layer in the model (its "theta" parameter holds the 32 angles).
inline constexpr std::size_t kQuantumLayerIndex = 9;

}  // namespace qmlr::quantum_patches
