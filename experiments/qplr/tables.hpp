#pragma once
// The result tables of `qplr`, declared once (docs/qplr.md §7.6). Key columns, then metric,
// value, unit; one measurement per row:
//   teacher      dataset, seed, train_size, test_size
//                  exact_test_accuracy, shot_test_accuracy (percent), layers, epochs (count)
//   labels       dataset, seed, labels (shot|exact), train_size
//                  subset_size (count), subset_share (percent), train_argmax_accuracy (percent)
//   robustness   dataset, method, sigma, rotation, clipped, seed, train_size, test_size,
//                student_epochs                              accuracy (percent)
//   calibration  the same keys                     ece (percent), nll (nats), brier (1)
//   reliability  dataset, method, seed, bin, lower, upper (bin bounds, percent confidence),
//                train_size, test_size     count (count), accuracy, confidence (percent)
//   attacks      dataset, method, attack (fgsm|pgd), epsilon, steps, seed, train_size,
//                attack_images                               accuracy, asr (percent)
//   sensitivity  dataset, method, student_epochs, input_scaling, noise_space, sigma, rotation,
//                clipped, seed, train_size, test_size        accuracy (percent)
#include <string>
#include <vector>

#include "experiments/common/table_schema.hpp"

namespace qmlr::qplr {

const std::vector<experiments::TableSchema>& table_schemas();

// The table names, as PlannedRun::tables and RunContext::rows take them.
inline constexpr const char* kTeacherTable = "teacher";
inline constexpr const char* kLabelsTable = "labels";
inline constexpr const char* kRobustnessTable = "robustness";
inline constexpr const char* kCalibrationTable = "calibration";
inline constexpr const char* kReliabilityTable = "reliability";
inline constexpr const char* kAttacksTable = "attacks";
inline constexpr const char* kSensitivityTable = "sensitivity";

}  // namespace qmlr::qplr
