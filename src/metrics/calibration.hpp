#pragma once
// Calibration metrics from logits (B,K) and integer labels, computed in double through a
// log-softmax (docs/conventions.md §9).
//   ECE   15 equal-width bins on the confidence c = max_k p_k. Bin index ceil(15·c) − 1,
//         clamped to [0, 14]: bins are (lo, hi], and c = 0 would fall in bin 0.
//         ECE = Σ_b (n_b/N)·|acc_b − conf_b|; acc_b counts argmax == label (ties to the
//         smallest index), conf_b is the mean confidence in the bin.
//   NLL   mean −log p_y
//   Brier mean Σ_k (p_k − 1[k = y])², in [0, 2]
#include <cstddef>
#include <span>
#include <vector>

#include "core/tensor.hpp"

namespace qmlr::metrics {

inline constexpr std::size_t kCalibrationBins = 15;

struct ReliabilityBin {
    double lower = 0.0, upper = 0.0;  // (lower, upper]
    std::size_t count = 0;
    double accuracy = 0.0;            // 0 for an empty bin
    double confidence = 0.0;          // mean confidence; 0 for an empty bin
};

std::vector<ReliabilityBin> reliability_bins(const Tensor& logits, std::span<const int> labels,
                                             std::size_t bins = kCalibrationBins);
double expected_calibration_error(const Tensor& logits, std::span<const int> labels,
                                  std::size_t bins = kCalibrationBins);
double negative_log_likelihood(const Tensor& logits, std::span<const int> labels);
double brier_score(const Tensor& logits, std::span<const int> labels);

}  // namespace qmlr::metrics
