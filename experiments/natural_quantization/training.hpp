#pragma once
// Training of one network as the authors' code does it (docs/natural_quantization.md §5, §8.3):
// softmax cross-entropy, SGD with momentum (PyTorch form), batches of 64 from a fresh permutation
// each epoch (stream (seed, "shuffle", epoch)), one stochastic forward pass per image per step
// (stream PassAddress::training(seed, epoch)), the straight-through gradient. The validation error
// by 15-shot vote is measured every `evaluate_every` epochs and after the last.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/tensor.hpp"
#include "experiments/natural_quantization/network.hpp"
#include "experiments/natural_quantization/vote_evaluation.hpp"

namespace qmlr::natural_quantization {

struct TrainingPlan {
    int epochs = 30;
    int evaluate_every = 10;
    int batch_size = 64;
    double learning_rate = 0.01;
    double momentum = 0.9;
    int shots = 15;  // per validation; a deterministic network needs only 1
    bool validate = true;  // false: no validation at all (benchmarks time the training alone)
};

struct EpochRecord {
    int epoch = 0;               // 1-based
    double train_loss = 0;       // mean over the epoch's batches
    double train_error = 0;      // 1-shot error of the training batches as they were trained on
    std::optional<VoteResult> validation;
};

struct LabelledImages {
    const Tensor& images;  // (N, 784), values in [0, 1]
    std::span<const int> labels;
};

// `on_epoch` (optional) is called after every epoch, e.g. for a progress display.
std::vector<EpochRecord> train_and_validate(Network& network, const LabelledImages& train,
                                            const LabelledImages& validation, std::uint64_t seed,
                                            const TrainingPlan& plan,
                                            const std::function<void(const EpochRecord&)>& on_epoch = {});

// The records as CSV (epoch, train_loss, train_error, validation_vote_error,
// validation_single_pass_error; the validation fields empty where there was none), every number
// in its shortest exact text, and back (an Error naming `source` and the row when malformed).
// A training run keeps them as its artifact, so later stages read the numbers as measured.
std::string records_csv(const std::vector<EpochRecord>& records);
std::vector<EpochRecord> parse_records_csv(std::string_view text, const std::string& source);

}  // namespace qmlr::natural_quantization
