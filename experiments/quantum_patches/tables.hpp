#pragma once
// Quantum Patches' result tables (docs/quantum_patches.md §7.6), each tidy: key columns, then
// metric, value, unit.
//   asr              dataset, condition, seed, attack, epsilon | clean_accuracy (attack none, ε 0),
//                    adversarial_accuracy, asr (primary: among clean-correct images), asr_all —
//                    all in percent — and test_images (attack none, ε 0), per trained model
//   patches_preview  dataset, map | mean_l2_distance d̄, kappa_D, sigma_d, measured_noise_l2 (G1)
//                    with map "all"; mask_mean per map 0..3
//   datasets         dataset, source | train_images: the datasets that were run, with the data
//                    source's label ("CIFAR-10 (JPEG q75 copy)" for the JPEG copy). A requested
//                    dataset that is absent (CINIC-10 not supplied) has no rows in any table.
#include <vector>

#include "experiments/common/table_schema.hpp"

namespace qmlr::quantum_patches {

inline constexpr const char* kAsrTable = "asr";
inline constexpr const char* kPatchesTable = "patches_preview";
inline constexpr const char* kDatasetsTable = "datasets";

const std::vector<experiments::TableSchema>& table_schemas();

// The full training split of a dataset (images), against which the checks tell a per-class
// subset from a full training set.
std::size_t full_training_size(const std::string& dataset);

}  // namespace qmlr::quantum_patches
