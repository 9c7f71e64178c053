#pragma once
// The official CIFAR-10 binary release (cifar-10-batches-bin/): each record is 1 label byte
// followed by 3,072 pixel bytes, 1,024 per channel in R, G, B order, each channel row-major —
// already (C, H, W). data_batch_1..5.bin form the training split, test_batch.bin the test split.
#include <filesystem>
#include <string>
#include <vector>

#include "data_loaders/dataset.hpp"

namespace qmlr::data {

inline constexpr int kCifarSide = 32;
inline constexpr std::size_t kCifarRecordBytes = 1 + 3 * kCifarSide * kCifarSide;

// Appends the records of one batch file to `dataset` (which must already be 3x32x32).
void append_cifar_batch(const std::filesystem::path& batch_file, Dataset& dataset);

// Loads a split ("train" or "test") from a cifar-10-batches-bin folder.
Dataset load_cifar10_binary(const std::filesystem::path& batches_dir, const std::string& split,
                            std::vector<std::string> class_names);

}  // namespace qmlr::data
