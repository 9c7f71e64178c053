#include "data_loaders/idx.hpp"

#include <cstdint>

#include "core/error.hpp"
#include "data_loaders/binary_file.hpp"

namespace qmlr::data {
namespace {

constexpr std::uint8_t kUnsignedByteType = 0x08;

std::uint32_t big_endian_u32(const std::uint8_t* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

std::string hex_magic(const std::vector<std::uint8_t>& bytes) {
    static const char* digits = "0123456789abcdef";
    std::string text = "0x";
    for (std::size_t i = 0; i < 4 && i < bytes.size(); ++i) {
        text += digits[bytes[i] >> 4];
        text += digits[bytes[i] & 15];
    }
    return text;
}

// The sizes of an IDX file with `ndim` dimensions of unsigned bytes; checks magic and size.
std::vector<std::size_t> idx_dims(const std::vector<std::uint8_t>& bytes, int ndim,
                                  const std::filesystem::path& path) {
    const std::size_t header = 4 + 4 * static_cast<std::size_t>(ndim);
    const std::string expected_magic =
        std::string("0x0000") + "08" + (ndim == 1 ? "01" : "03");
    if (bytes.size() < header || bytes[0] != 0 || bytes[1] != 0 || bytes[2] != kUnsignedByteType ||
        bytes[3] != ndim)
        throw Error(path.string() + ": not an IDX file of " + std::to_string(ndim) +
                    "-D unsigned bytes: expected magic " + expected_magic + ", found " +
                    hex_magic(bytes) + " (" + std::to_string(bytes.size()) +
                    " bytes). The file is corrupt or not what its name says. " + data_fix_hint());
    std::vector<std::size_t> dims;
    std::size_t expected_size = header;
    std::size_t elements = 1;
    for (int d = 0; d < ndim; ++d) {
        dims.push_back(big_endian_u32(bytes.data() + 4 + 4 * d));
        elements *= dims.back();
    }
    expected_size += elements;
    if (bytes.size() != expected_size)
        throw Error(path.string() + ": the header promises " + std::to_string(expected_size) +
                    " bytes, found " + std::to_string(bytes.size()) +
                    (bytes.size() < expected_size ? " (truncated). " : " (trailing data). ") +
                    data_fix_hint());
    return dims;
}

}  // namespace

Dataset load_idx_dataset(const std::filesystem::path& images_file,
                         const std::filesystem::path& labels_file, std::string name,
                         std::string split, std::vector<std::string> class_names) {
    auto image_bytes = read_binary_file(images_file);
    const auto image_dims = idx_dims(image_bytes, 3, images_file);
    auto label_bytes = read_binary_file(labels_file);
    const auto label_dims = idx_dims(label_bytes, 1, labels_file);
    if (image_dims[0] != label_dims[0])
        throw Error(images_file.string() + " holds " + std::to_string(image_dims[0]) +
                    " images but " + labels_file.string() + " holds " +
                    std::to_string(label_dims[0]) + " labels; they must match. " + data_fix_hint());

    Dataset dataset;
    dataset.name = std::move(name);
    dataset.split = std::move(split);
    dataset.channels = 1;
    dataset.height = static_cast<int>(image_dims[1]);
    dataset.width = static_cast<int>(image_dims[2]);
    dataset.class_names = std::move(class_names);
    dataset.pixels.assign(image_bytes.begin() + 16, image_bytes.end());
    dataset.labels.assign(label_bytes.begin() + 8, label_bytes.end());
    for (std::size_t i = 0; i < dataset.labels.size(); ++i)
        if (dataset.labels[i] >= dataset.class_names.size())
            throw Error(labels_file.string() + ": label " + std::to_string(i) + " (byte offset " +
                        std::to_string(8 + i) + ") is " + std::to_string(dataset.labels[i]) +
                        ", expected 0.." + std::to_string(dataset.class_names.size() - 1) + ". " +
                        data_fix_hint());
    return dataset;
}

}  // namespace qmlr::data
