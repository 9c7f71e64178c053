#pragma once
// What FGSM and PGD share: the goal, the loss gradient with respect to the input, the signed
// step with its projections, and running an attack over a large set in mini-batches with the
// model in evaluation mode.
#include <cstddef>
#include <functional>
#include <span>
#include <vector>

#include "core/tensor.hpp"
#include "nn/model.hpp"

namespace qmlr::attacks {

// untargeted: move away from `labels` (the true labels), i.e. up the cross-entropy;
// targeted: move towards `labels` (the target classes), i.e. down the cross-entropy.
enum class Goal { untargeted, targeted };

// dL/dx of the summed cross-entropy of the model at x against `labels` (B,...) -> grad (B,...),
// so each sample's gradient is independent of the batch it is in. Returns the per-sample
// losses. Parameter gradients are not touched.
std::vector<double> loss_input_gradient(nn::Model& model, const Tensor& x,
                                        std::span<const int> labels, Tensor& grad);

// x ← clip_[0,1](clip_[x0−ε, x0+ε](x ± α·sign(grad))): + for untargeted, − for targeted;
// sign(0) = 0.
void signed_step(Tensor& x, const Tensor& grad, const Tensor& x0, float alpha, float epsilon,
                 Goal goal);

// Runs attack(batch_images, batch_labels, first_sample_index) -> adversarial batch over
// `images` (N,...) in mini-batches of batch_size, with the model in evaluation mode (its mode
// is restored afterwards), and assembles the (N,...) result.
Tensor attack_in_batches(
    nn::Model& model, const Tensor& images, std::span<const int> labels, std::size_t batch_size,
    const std::function<Tensor(const Tensor&, std::span<const int>, std::size_t)>& attack);

}  // namespace qmlr::attacks
