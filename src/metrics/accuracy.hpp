#pragma once
// Predictions and accuracy.
//   predictions: logits (B,K) -> argmax per row, ties to the smallest class index
//   accuracy:    share of predictions equal to the labels, in [0, 1]
#include <span>
#include <vector>

#include "core/tensor.hpp"

namespace qmlr::metrics {

std::vector<int> predictions(const Tensor& logits);
double accuracy(std::span<const int> predicted, std::span<const int> labels);
double accuracy(const Tensor& logits, std::span<const int> labels);

// Errors unless both have the same, non-zero length; `who` names the caller.
void require_same_length(std::size_t a, std::size_t b, const char* who, const char* a_name,
                         const char* b_name);

}  // namespace qmlr::metrics
