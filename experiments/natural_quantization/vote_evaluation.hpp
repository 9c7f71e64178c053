#pragma once
// The paper's validation error (docs/natural_quantization.md §3.4, §8.4): `shots` independent
// stochastic passes over the evaluation images, the argmax class of each pass (ties → smallest
// index), the vote (mode) over the passes (ties → smallest class), and the fraction of wrong votes.
// Pass `shot` of evaluation point p draws from the stream PassAddress::evaluation(seed, p, shot).
// The first Linear layer is deterministic, so its output is computed once per image and shared by
// the shots.
#include <cstdint>
#include <span>

#include "core/tensor.hpp"
#include "experiments/natural_quantization/network.hpp"

namespace qmlr::natural_quantization {

struct VoteResult {
    double vote_error = 0;         // error of the majority vote over the shots
    double single_pass_error = 0;  // mean error of the individual passes
};

VoteResult evaluate_by_vote(Network& network, const Tensor& images, std::span<const int> labels,
                            std::uint64_t seed, int point, int shots);

// Index of the largest value, the smallest index among ties.
int argmax(std::span<const float> values);
// The most frequent class (ties → the smallest class) given per-class vote counts.
int majority_vote(std::span<const int> counts);

}  // namespace qmlr::natural_quantization
