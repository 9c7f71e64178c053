#pragma once
// The Gaussian-noise baseline's σ, matched to the quantum patches' mean L2 distance
// (docs/quantum_patches.md §7.4):
//   d̄ = (1/4N) Σ_i Σ_c ‖x_i − x_i^(c)‖₂   over all training images and all 4 patched copies
//   κ_D = E‖N(0, I_D)‖₂ = √2·Γ((D+1)/2)/Γ(D/2)   (log-gamma), D = C·H·W
//   σ_d = d̄ / κ_D, so that unclipped noise σ_d·n has expected L2 norm d̄ exactly.
#include <cstddef>
#include <cstdint>

#include "core/tensor.hpp"
#include "experiments/quantum_patches/patch_masks.hpp"

namespace qmlr::quantum_patches {

// d̄ in double, summed per image in a fixed order (any thread count gives the same bits).
double mean_patch_distance(const Tensor& images, const PatchMasks& masks);

double expected_gaussian_norm(std::size_t dimension);

// The mean ‖σ·n‖₂ over `images` training images of `dimension` values, with the noise the
// gaussian_noise condition draws in `epoch` (the G1 check of the σ formula).
double measured_noise_distance(std::size_t images, std::size_t dimension, double sigma, std::uint64_t seed,
                               std::uint64_t epoch);

}  // namespace qmlr::quantum_patches
