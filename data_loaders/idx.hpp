#pragma once
// IDX files (the MNIST and Fashion-MNIST format): a 4-byte magic 0x0000 0x08 ndim (unsigned
// bytes), ndim big-endian uint32 sizes, then the data. Images have ndim 3 (N, H, W), labels
// ndim 1 (N). The header, the exact file size and the label range are checked.
#include <filesystem>
#include <string>
#include <vector>

#include "data_loaders/dataset.hpp"

namespace qmlr::data {

// A one-channel dataset from an images file and a labels file of the same N.
Dataset load_idx_dataset(const std::filesystem::path& images_file,
                         const std::filesystem::path& labels_file, std::string name,
                         std::string split, std::vector<std::string> class_names);

}  // namespace qmlr::data
