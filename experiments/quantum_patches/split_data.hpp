#pragma once
// The data splits the runs of one plan read (docs/quantum_patches.md §7.1): a split of a dataset,
// cut to `per_class` images per class with the data seed (all when 0), loaded on first use and
// shared by every run that reads it, so a plan loads each split once and one that computes
// nothing loads none.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "core/tensor.hpp"

namespace qmlr::quantum_patches {

struct SplitData {
    std::string source;  // the result label: "MNIST", "CIFAR-10 (JPEG q75 copy)", …
    Tensor images;       // (N, C, H, W) in [0, 1]
    std::vector<int> labels;
};

class LazySplit {
public:
    // dataset: mnist, cifar10 or cinic10; split: train or test.
    LazySplit(std::filesystem::path data_dir, std::string dataset, std::string split, std::size_t per_class,
              std::uint64_t data_seed);
    const SplitData& get();

private:
    std::filesystem::path data_dir_;
    std::string dataset_, split_;
    std::size_t per_class_;
    std::uint64_t data_seed_;
    std::once_flag loaded_;
    SplitData data_;
};

}  // namespace qmlr::quantum_patches
