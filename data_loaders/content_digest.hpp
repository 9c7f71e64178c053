#pragma once
// A fingerprint of the bytes a loader reads for one dataset split, so that run keys change when
// the data does (another --data folder, an edited or re-fetched file). It is computed from the
// files themselves at every run (never from a manifest that could be stale): the relative path,
// size and CRC-32 of each file the split's loader reads, in sorted order, hashed with FNV-1a 64.
// Reading MNIST's four files takes a few hundredths of a second; CIFAR-10's JPEG tree about a
// second. Shown as 16 hex digits.
#include <filesystem>
#include <string>

namespace qmlr::data {

// dataset: the suite's keys "mnist", "fashion_mnist", "cifar10", "cinic10"; split: "train" or "test"
// ("valid" too for cinic10).
// An Error naming the folder and the fix when the files are absent.
std::string content_digest(const std::filesystem::path& data_dir, const std::string& dataset,
                           const std::string& split);

}  // namespace qmlr::data
