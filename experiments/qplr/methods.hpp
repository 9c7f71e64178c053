#pragma once
// The student methods (docs/qplr.md §7.3, step 13) and the targets each one trains on:
//   M1 one-hot · M2 label smoothing · M3 / M4 shot soft labels (M4 on the confident subset) ·
//   M3e / M4e the same with exact soft labels · BNN / RS the classical soft-label baselines.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/tensor.hpp"
#include "experiments/qplr/soft_labels.hpp"
#include "experiments/qplr/student.hpp"

namespace qmlr::qplr {

// Every method, in the order of the tables: M1 M2 M3 M4 M3e M4e BNN RS.
const std::vector<std::string>& all_student_methods();
// The methods run on a dataset: the first six, and BNN and RS when `baselines`.
std::vector<std::string> student_methods(bool baselines);
// The shuffle subindex of a method (its position in M1 … RS, BNN-aux, RS-aux).
std::uint32_t method_index(const std::string& method);
// True for the methods that train on the teacher's soft labels (M3, M4, M3e, M4e).
bool uses_teacher_labels(const std::string& method);

struct TargetOptions {
    double smoothing = 0.1;     // M2
    double confidence = 0.9;    // M4, M4e
    int baseline_passes = 20;   // BNN, RS
    double bnn_dropout = 0.5;
    double rs_noise_sigma = 0.05;
    StudentTraining training;   // epochs, batch, learning rate and seed of the auxiliary networks
};

struct MethodTargets {
    Tensor targets;                   // (N,10)
    std::vector<std::size_t> subset;  // the training images the student trains on
};

// The targets and training subset of `method`; `teacher` must be given exactly when
// uses_teacher_labels(method).
MethodTargets method_targets(const std::string& method, const TargetOptions& options, const Tensor& train_images,
                             std::span<const int> train_labels, const SoftLabels* teacher);

// `base` with the shuffle subindex of `method`.
StudentTraining for_method(StudentTraining base, const std::string& method);

}  // namespace qmlr::qplr
