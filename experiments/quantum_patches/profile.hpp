#pragma once
// The datasets and the sizes of each profile (docs/quantum_patches.md §7.1, §7.5, §7.7):
//   quick    MNIST and CIFAR-10 (and CINIC-10), 100 training / 10 test images per class, 2 epochs, seed 0
//            (the smoke test)
//   default  MNIST and CIFAR-10 (and CINIC-10 when supplied): the full training and test sets
//            (CINIC-10's 90,000 test images: 1,000 per class), 15 epochs, seed 0. Full training
//            sets because §8.2 compares only them with the paper; one seed because three take
//            about 90 minutes on 2 cores (`--seeds 0-2` adds the others to the same folder).
//   paper    the full sets, CINIC-10's test split included, 15 epochs, seeds 0–2
// `--train-per-class N` trains on a subset, the same images for every condition and seed (data
// seed 0); such runs are reported but not compared with the paper.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/run_options.hpp"
#include "data_loaders/dataset.hpp"

namespace qmlr::quantum_patches {

inline constexpr const char* kPaperName = "quantum_patches";
inline constexpr std::uint64_t kDataSeed = 0;

struct ProfileSettings {
    std::size_t train_per_class = 0;  // 0: the full training split
    std::size_t test_per_class = 0;   // 0: the full test split
    std::size_t cinic_test_per_class = 0;  // CINIC-10's test split (90,000 images) instead
    int epochs = 15;
    std::vector<std::uint64_t> seeds{0, 1, 2};
    int pgd_steps = 10;
    std::vector<std::string> datasets;  // keys: mnist, cifar10, cinic10
};

ProfileSettings profile_settings(Profile profile);

// The attack ε of a dataset; the first is its headline ε (also FGSM adversarial training's).
std::vector<double> attack_epsilons(const std::string& dataset_key);
double headline_epsilon(const std::string& dataset_key);

// False only for cinic10 when the user has not supplied it.
bool dataset_available(const std::filesystem::path& data_dir, const std::string& dataset_key);
// A split ("train" or "test") of a dataset by key, with its result label as name.
data::Dataset load_dataset(const std::filesystem::path& data_dir, const std::string& dataset_key,
                           const std::string& split);
// Test images per class of a dataset under `settings` (0: all).
std::size_t test_per_class(const ProfileSettings& settings, const std::string& dataset_key);
// The subset of `per_class` images per class (all when 0).
data::Dataset select_per_class(const data::Dataset& dataset, std::size_t per_class);

}  // namespace qmlr::quantum_patches
