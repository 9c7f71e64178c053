#pragma once
// Softmax cross-entropy with integer labels.
//   logits (B,K), labels (B) in [0,K) -> loss = reduce_b(−log softmax(z_b)[y_b])
//   grad (B,K) = (softmax(z_b) − onehot(y_b)) · (1/B for mean, 1 for sum)
// Computed per row in double through log-sum-exp, so large logits neither overflow nor lose
// the gradient. The sum reduction makes each sample's gradient independent of the batch it
// is in (the attacks use it).
#include <span>
#include <vector>

#include "core/tensor.hpp"

namespace qmlr::nn {

enum class Reduction { mean, sum };

// Returns the reduced loss; writes dL/d(logits) into *grad_logits when given (reshaped to
// (B,K) if needed).
double cross_entropy(const Tensor& logits, std::span<const int> labels,
                     Tensor* grad_logits = nullptr, Reduction reduction = Reduction::mean);

// −log softmax(z_b)[y_b] for every sample.
std::vector<double> cross_entropy_per_sample(const Tensor& logits, std::span<const int> labels);

}  // namespace qmlr::nn
