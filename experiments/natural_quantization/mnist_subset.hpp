#pragma once
// The data of docs/natural_quantization.md §8.1: the first `count` images of an MNIST split in file
// order, as flattened (count, 784) float rows in [0, 1] with their labels.
#include <filesystem>
#include <string>
#include <vector>

#include "core/tensor.hpp"

namespace qmlr::natural_quantization {

struct FlatImages {
    Tensor images;  // (count, 784)
    std::vector<int> labels;
};

FlatImages first_mnist_images(const std::filesystem::path& data_dir, const std::string& split, int count);

}  // namespace qmlr::natural_quantization
