#pragma once
// The rows of the program's two tables (tidy: one measurement per row).
//   asr.csv: paper, experiment, dataset_key, dataset, condition, seed, attack, epsilon, metric,
//            value, n_train, n_test, epochs, profile, status
//     dataset is the data-source label ("CIFAR-10 (JPEG q75 copy)" for the JPEG copy);
//     metric is clean_accuracy (attack none), adversarial_accuracy, asr or asr_all, as fractions;
//     status is "ok", or "not run: dataset not available" (then seed, attack, value are empty).
//   patches_preview.csv: paper, experiment, dataset_key, dataset, map, metric, value, n_train,
//            profile, status
//     metrics mean_l2_distance (d̄), kappa_D, sigma_d, measured_noise_l2 (G1) with map "all",
//     and mask_mean per map 0..3.
#include <array>
#include <string>
#include <vector>

#include "experiments/quantum_patches/evaluation.hpp"
#include "experiments/quantum_patches/patch_masks.hpp"

namespace qmlr::quantum_patches {

inline constexpr const char* kStatusOk = "ok";
inline constexpr const char* kNotAvailable = "not run: dataset not available";

struct AsrRowContext {
    std::string dataset_key, dataset_label;
    std::size_t n_train = 0, n_test = 0;
    int epochs = 0;
    std::string profile;
};

std::vector<std::string> asr_columns();
std::vector<std::string> asr_row(const AsrRowContext& context, const std::string& condition, const std::string& seed,
                                 const Measurement& measurement);
std::vector<std::string> not_available_row(const std::string& dataset_key, const std::string& condition,
                                           const std::string& profile);

struct PatchStatistics {
    double mean_distance = 0, kappa = 0, sigma = 0, measured_noise_distance = 0;
    std::array<double, kPatchMaps> map_means{};
};

// Mean value of each mask over all images and positions (double, fixed order).
std::array<double, kPatchMaps> mask_means(const PatchMasks& masks);

std::vector<std::string> patches_columns();
std::vector<std::vector<std::string>> patches_rows(const AsrRowContext& context, const PatchStatistics& statistics);

}  // namespace qmlr::quantum_patches
