#pragma once
// Projected gradient descent under L∞ (docs/conventions.md §8, torchattacks' PGD):
//   x⁰ = clip_[0,1](x + u), u ~ U[−ε, ε] per value   (random start; x⁰ = x without it)
//   xᵗ = clip_[0,1](clip_[x−ε, x+ε](xᵗ⁻¹ ± α·sign ∇ₓ CE(f(xᵗ⁻¹), y)))   t = 1..steps
// + for untargeted (y = true label), − for targeted (y = target class). The final iterate is
// returned. The start of sample i (its index in `images`) in restart r comes from the stream
// (seed, "pgd-start", i, r), so results do not depend on the batch size or threads.
//
// Restarts: with R > 1 the attack runs R times from fresh random starts; each sample keeps the
// first run that succeeds (prediction ≠ y untargeted, = y targeted), else the run with the
// highest (untargeted) or lowest (targeted) final cross-entropy.
#include <cstdint>
#include <span>

#include "attacks/attack_common.hpp"

namespace qmlr::attacks {

struct PgdOptions {
    double epsilon = 0.1;
    double step_size = 0.01;  // α
    int steps = 10;
    bool random_start = true;
    int restarts = 1;
    Goal goal = Goal::untargeted;
    std::uint64_t seed = 0;
    std::size_t batch_size = 128;
};

Tensor pgd(nn::Model& model, const Tensor& images, std::span<const int> labels,
           const PgdOptions& options);

}  // namespace qmlr::attacks
