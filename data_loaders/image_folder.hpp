#pragma once
// Image folders laid out as <root>/<split>/<class>/<file>.{png,jpg,jpeg}: the CIFAR-10 JPEG copy
// (train/test) and CINIC-10 (train/valid/test). Classes come in the order given; files in each
// class folder are taken in byte-wise sorted name order, so the sample order is deterministic.
// Every image passes the integrity checks of image_integrity.hpp (format from the magic bytes,
// PNG chunk CRCs, JPEG end marker), is decoded to RGB uint8 (stb_image) and must be exactly
// height x width. Hidden files (names starting with '.') are ignored; any other stray folder or
// file is an Error.
#include <filesystem>
#include <string>
#include <vector>

#include "data_loaders/dataset.hpp"

namespace qmlr::data {

struct ImageFolderSpec {
    std::string name;                      // dataset name for results
    std::vector<std::string> class_names;  // folder names, in label order
    int height = 0, width = 0;
};

Dataset load_image_folder(const std::filesystem::path& root, const std::string& split,
                          const ImageFolderSpec& spec);

}  // namespace qmlr::data
