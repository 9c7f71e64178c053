#pragma once
// Quantum soft labels (docs/qplr.md §7.2): the post-net read on a 1000-shot histogram of the
// teacher's Born distribution (the paper's setting) or on the exact distribution (ablation),
// and the confident subset that method M4 trains on.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/rng.hpp"
#include "core/tensor.hpp"
#include "experiments/qplr/teacher.hpp"

namespace qmlr::qplr {

// Histogram of `shots` draws from p, as frequencies counts/shots (p.size() values). Draw k
// takes the k-th uniform u of `rng` and picks the first b with u < CDF_b (CDF accumulated in
// double in basis order); when rounding leaves none, the last b with p_b > 0.
void shot_frequencies(std::span<const float> p, int shots, Rng& rng, std::span<float> out);

struct LabelOptions {
    int shots = 1000;  // 0: the exact distribution
    std::uint64_t seed = 0;
    std::string_view stream = "shots-train";  // image i's shots: (seed, stream, i)
};

// probabilities (N,1024) from teacher_probabilities -> soft labels (N,10) = softmax(post(·)).
Tensor soft_labels(TeacherNet& teacher, const Tensor& probabilities, const LabelOptions& options);

// Indices i (ascending) with max_k labels(i,k) >= threshold (compared in float, as stored).
std::vector<std::size_t> confident_subset(const Tensor& labels, double threshold);

// The teacher run's artifact labels.bin: the shot labels (N,10) then the exact labels (N,10),
// float32 bit for bit in native byte order. (The run store checks its size and checksum.)
struct SoftLabels {
    Tensor shot, exact;
};
std::vector<std::uint8_t> encode_soft_labels(const SoftLabels& labels);
// An Error naming `source` when the bytes are not 2·N·10 floats for N = `images`.
SoftLabels decode_soft_labels(std::span<const std::uint8_t> bytes, std::int64_t images, const std::string& source);

}  // namespace qmlr::qplr
