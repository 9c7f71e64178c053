#pragma once
// The one in-memory dataset type every loader returns: uint8 images (N, C, H, W) with integer
// labels and class names. Conversion to float [0,1], index selection and seeded per-class
// subsets are here; the file formats live in their own loaders.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/tensor.hpp"

namespace qmlr::data {

struct Dataset {
    std::string name;   // as it appears in results, e.g. "MNIST", "CIFAR-10 (JPEG q75 copy)"
    std::string split;  // "train", "test" or "valid"
    int channels = 0, height = 0, width = 0;
    std::vector<std::uint8_t> pixels;        // (N, C, H, W), row-major
    std::vector<std::uint8_t> labels;        // (N), each < class_names.size()
    std::vector<std::string> class_names;

    std::size_t size() const { return labels.size(); }
    std::size_t image_size() const {
        return static_cast<std::size_t>(channels) * static_cast<std::size_t>(height) *
               static_cast<std::size_t>(width);
    }
    const std::uint8_t* image(std::size_t i) const { return pixels.data() + i * image_size(); }

    // All images as float (N, C, H, W), value / 255.
    Tensor to_float() const;
    // The images at `indices`, in that order, as float (indices.size(), C, H, W).
    Tensor to_float(std::span<const std::size_t> indices) const;

    std::vector<std::size_t> counts_per_class() const;
    // A dataset of the samples at `indices`, in that order.
    Dataset select(std::span<const std::size_t> indices) const;
    // `per_class` samples drawn at random from each class, stream (seed, "class-subset", class),
    // kept in their original order. An Error if a class has fewer samples.
    Dataset subset_per_class(std::size_t per_class, std::uint64_t seed) const;
    // "MNIST train: 60000 images 1x28x28, 10 classes: 0=5923 1=6742 ..."
    std::string describe() const;
};

}  // namespace qmlr::data
