#pragma once
// Numerically stable softmax over the last axis of (B,K) logits, in double:
//   log p_k = z_k − (m + log Σ_j exp(z_j − m)), m = max_j z_j
// Shared by the losses and the calibration metrics.
#include <cstddef>
#include <vector>

#include "core/tensor.hpp"

namespace qmlr::nn {

// log-softmax of one row of k logits into out (k values).
void log_softmax_row(const float* logits, std::size_t k, double* out);

// Checks that logits are (B,K) with K >= 1; `who` names the caller in the Error.
void require_logits(const Tensor& logits, const char* who);

// Probabilities (B,K), computed in double, stored as float.
Tensor softmax(const Tensor& logits);

}  // namespace qmlr::nn
