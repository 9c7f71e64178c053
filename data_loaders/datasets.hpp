#pragma once
// The named datasets of the suite, loaded from the folder `make data` fills:
//   <data>/mnist/, <data>/fashion-mnist/            IDX files
//   <data>/cifar10/cifar-10-batches-bin/            official binary (preferred)
//   <data>/cifar10/jpeg/{train,test}/<class>/*.jpg  lossy JPEG q75 copy (fallback)
//   <data>/cinic10/{train,valid,test}/<class>/*.png user-supplied (make data CINIC10=...)
#include <filesystem>
#include <string>
#include <vector>

#include "data_loaders/dataset.hpp"

namespace qmlr::data {

// Dataset names as they appear in every result row.
inline constexpr const char* kMnistName = "MNIST";
inline constexpr const char* kFashionMnistName = "Fashion-MNIST";
inline constexpr const char* kCifar10Name = "CIFAR-10";
inline constexpr const char* kCifar10JpegName = "CIFAR-10 (JPEG q75 copy)";
inline constexpr const char* kCinic10Name = "CINIC-10";

const std::vector<std::string>& cifar10_class_names();  // airplane … truck, label order
const std::vector<std::string>& fashion_mnist_class_names();

Dataset load_mnist(const std::filesystem::path& data_dir, const std::string& split);
Dataset load_fashion_mnist(const std::filesystem::path& data_dir, const std::string& split);
// The official binary when present, else the JPEG copy (named kCifar10JpegName).
Dataset load_cifar10(const std::filesystem::path& data_dir, const std::string& split);

bool cinic10_available(const std::filesystem::path& data_dir);
// split: "train", "valid" or "test". An Error with the fix when CINIC-10 was not supplied.
Dataset load_cinic10(const std::filesystem::path& data_dir, const std::string& split);

}  // namespace qmlr::data
