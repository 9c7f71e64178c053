#pragma once
// Softmax cross-entropy against soft targets, and label smoothing built on it.
//   logits (B,K), targets (B,K) (each row a distribution) -> reduce_b(−Σ_k t_bk log p_bk)
//   grad (B,K) = (softmax(z_b) − t_b) · (1/B for mean, 1 for sum)
//
// Label smoothing, two conventions (docs/qplr.md §2.5, M2):
//   LabelSmoothing::exclusive  true class 1−ε, every other class ε/(K−1)   (QPLR Eq. 4)
//   LabelSmoothing::uniform    true class 1−ε+ε/K, every other class ε/K  (PyTorch's
//                              CrossEntropyLoss(label_smoothing=ε))
#include <span>

#include "core/tensor.hpp"
#include "nn/cross_entropy.hpp"

namespace qmlr::nn {

// Targets must be finite, >= 0 and sum to 1 (within 1e-4) per row; else an Error naming the row.
double soft_cross_entropy(const Tensor& logits, const Tensor& targets,
                          Tensor* grad_logits = nullptr, Reduction reduction = Reduction::mean);

enum class LabelSmoothing { exclusive, uniform };

// (B,K) targets for integer labels smoothed by ε in [0, 1].
Tensor smoothed_targets(std::span<const int> labels, int classes, double epsilon,
                        LabelSmoothing convention);

double label_smoothing_cross_entropy(const Tensor& logits, std::span<const int> labels,
                                     double epsilon, LabelSmoothing convention,
                                     Tensor* grad_logits = nullptr,
                                     Reduction reduction = Reduction::mean);

}  // namespace qmlr::nn
