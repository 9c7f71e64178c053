#include "data_loaders/image_folder.hpp"

#include <algorithm>
#include <memory>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "data_loaders/binary_file.hpp"
#include "data_loaders/image_integrity.hpp"

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_NO_STDIO  // files are read by read_binary_file, so errors name them our way
#include <stb_image.h>

namespace qmlr::data {
namespace {

namespace fs = std::filesystem;

bool is_hidden(const fs::path& path) { return path.filename().string().front() == '.'; }

bool is_image_file(const fs::path& path) {
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension == ".png" || extension == ".jpg" || extension == ".jpeg";
}

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
}

// Checks (image_integrity.hpp) and decodes one file into (3, H, W) at `target`.
void decode_rgb(const fs::path& file, int height, int width, std::uint8_t* target) {
    const auto bytes = read_binary_file(file);
    const ImageFormat format = check_image_integrity(file, bytes);
    int w = 0, h = 0, channels_in_file = 0;
    std::unique_ptr<stbi_uc, decltype(&stbi_image_free)> rgb(
        stbi_load_from_memory(bytes.data(), static_cast<int>(bytes.size()), &w, &h,
                              &channels_in_file, 3),
        &stbi_image_free);
    if (!rgb)
        throw Error(file.string() + ": " + corrupt_image_name(format) + ": cannot decode it (" +
                    stbi_failure_reason() + "). " + corrupt_image_fix());
    if (w != width || h != height)
        throw Error(file.string() + ": expected a " + std::to_string(width) + "x" +
                    std::to_string(height) + " image, found " + std::to_string(w) + "x" +
                    std::to_string(h) + ". Images of this dataset must all have that size.");
    const std::size_t plane = static_cast<std::size_t>(height) * static_cast<std::size_t>(width);
    for (std::size_t p = 0; p < plane; ++p)
        for (std::size_t c = 0; c < 3; ++c) target[c * plane + p] = rgb.get()[p * 3 + c];
}

}  // namespace

Dataset load_image_folder(const fs::path& root, const std::string& split,
                          const ImageFolderSpec& spec) {
    const fs::path split_dir = root / split;
    if (!fs::is_directory(split_dir))
        throw Error(split_dir.string() + ": no such folder (expected <root>/" + split +
                    "/<class>/*.png|jpg). " + data_fix_hint());

    for (const auto& entry : fs::directory_iterator(split_dir)) {
        if (is_hidden(entry.path())) continue;
        const std::string name = entry.path().filename().string();
        if (!entry.is_directory() ||
            std::find(spec.class_names.begin(), spec.class_names.end(), name) == spec.class_names.end())
            throw Error(entry.path().string() + ": unknown class folder '" + name + "'; " +
                        spec.name + " expects only the folders " + joined(spec.class_names) +
                        ". Remove it or fix the dataset layout.");
    }

    std::vector<fs::path> files;
    std::vector<std::uint8_t> labels;
    for (std::size_t c = 0; c < spec.class_names.size(); ++c) {
        const fs::path class_dir = split_dir / spec.class_names[c];
        if (!fs::is_directory(class_dir))
            throw Error(class_dir.string() + ": missing class folder '" + spec.class_names[c] +
                        "' of " + spec.name + ". " + data_fix_hint());
        std::vector<fs::path> class_files;
        for (const auto& entry : fs::directory_iterator(class_dir)) {
            if (is_hidden(entry.path())) continue;
            if (!entry.is_regular_file() || !is_image_file(entry.path()))
                throw Error(entry.path().string() + ": expected only .png/.jpg/.jpeg files in a "
                            "class folder. Remove it or fix the dataset layout.");
            class_files.push_back(entry.path());
        }
        std::sort(class_files.begin(), class_files.end());
        files.insert(files.end(), class_files.begin(), class_files.end());
        labels.insert(labels.end(), class_files.size(), static_cast<std::uint8_t>(c));
    }

    Dataset dataset{spec.name, split, 3, spec.height, spec.width, {}, std::move(labels), spec.class_names};
    dataset.pixels.resize(files.size() * dataset.image_size());
    // Each image writes its own slot, so the result is the same for any thread count; a
    // failure reports the first bad file in sample order.
    parallel_for(files.size(), 256, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i)
            decode_rgb(files[i], spec.height, spec.width, dataset.pixels.data() + i * dataset.image_size());
    });
    return dataset;
}

}  // namespace qmlr::data
