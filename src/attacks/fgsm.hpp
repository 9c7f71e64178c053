#pragma once
// Fast gradient sign method under L∞ (docs/conventions.md §8, torchattacks' FGSM):
//   untargeted: x' = clip_[0,1](x + ε·sign(∇ₓ CE(f(x), y)))   y = true label
//   targeted:   x' = clip_[0,1](x − ε·sign(∇ₓ CE(f(x), t)))   t = target class
// The model runs in evaluation mode; sign(0) = 0. Works on any nn::Model, quantum layers
// included, for images (N,...) of any size (processed in mini-batches).
#include <span>

#include "attacks/attack_common.hpp"

namespace qmlr::attacks {

struct FgsmOptions {
    double epsilon = 0.1;
    Goal goal = Goal::untargeted;
    std::size_t batch_size = 128;
};

// labels: the true labels (untargeted) or the target classes (targeted).
Tensor fgsm(nn::Model& model, const Tensor& images, std::span<const int> labels,
            const FgsmOptions& options);

}  // namespace qmlr::attacks
