#pragma once
// The sensitivity study of the choices the paper leaves unstated (docs/qplr.md §7.9): one student
// (M1 or M3) trained with one input scaling (raw [0,1], mean-std, [−1,1]) for the largest of the
// study's epoch counts and evaluated after each listed epoch count (a shorter run is exactly a
// prefix of the longer one: constant learning rate, per-epoch shuffles), with the noise σ added in
// pixel space or in the network's input space (σ·scale pixels), clipped and unclipped.
#include <functional>
#include <string>
#include <vector>

#include "experiments/qplr/evaluation.hpp"
#include "experiments/qplr/student.hpp"

namespace qmlr::qplr {

struct SensitivityResult {
    int epochs = 0;
    bool noise_in_input_space = false;  // "input" or "pixel" noise space
    Condition condition;
    double accuracy = 0.0;  // fraction
};

struct SensitivityStudy {
    std::vector<int> epochs;             // evaluated after each of these (the largest is trained)
    std::vector<Condition> probes;       // σ and rotation; each is evaluated unclipped and clipped
    StudentTraining training;            // batch, learning rate, seed, method, scaling (epochs are set here)
    std::function<void()> on_epoch;      // progress, may be empty
};

// The probes of a `<dataset>_sensitivity_probes` setting: "σ" or "σ+rotation" (degrees) per item,
// e.g. {"0", "0.3", "0.4+20"}; an Error naming `setting` and the item that does not parse.
std::vector<Condition> parse_probes(const std::vector<std::string>& items, const std::string& setting);

// Trains `model` on (images, targets) over `subset` and returns the accuracies in the order
// epoch, noise space (pixel, then input unless the scaling is the identity), probe, clipping.
std::vector<SensitivityResult> sensitivity_study(nn::Model& model, const Tensor& images, const Tensor& targets,
                                                 std::span<const std::size_t> subset, const EvaluationSet& test,
                                                 const SensitivityStudy& study);

}  // namespace qmlr::qplr
