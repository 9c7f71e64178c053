#include "experiments/quantum_patches/mask_file.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <string>

#include "core/atomic_file.hpp"
#include "core/error.hpp"

namespace qmlr::quantum_patches {

namespace {

constexpr std::array<char, 8> kMagic = {'Q', 'P', 'M', 'A', 'S', 'K', 'S', '2'};
constexpr std::size_t kHeaderBytes = 8 + 8 + 4 + 4;

// The header fields are stored little-endian; the build targets little-endian machines and the
// bytes are copied as they are.
std::array<char, kHeaderBytes> header(std::uint64_t images, std::uint32_t height, std::uint32_t width) {
    std::array<char, kHeaderBytes> bytes{};
    std::memcpy(bytes.data(), kMagic.data(), 8);
    std::memcpy(bytes.data() + 8, &images, 8);
    std::memcpy(bytes.data() + 16, &height, 4);
    std::memcpy(bytes.data() + 20, &width, 4);
    return bytes;
}

std::string shape_text(std::size_t images, int height, int width) {
    return std::to_string(images) + " images of 4x" + std::to_string(height) + "x" + std::to_string(width) + " masks";
}

}  // namespace

void write_mask_file(const std::filesystem::path& file, const PatchMasks& masks) {
    AtomicFile out(file);
    const auto bytes = header(masks.images, static_cast<std::uint32_t>(masks.height),
                              static_cast<std::uint32_t>(masks.width));
    out.stream().write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.stream().write(reinterpret_cast<const char*>(masks.values.data()),
                       static_cast<std::streamsize>(masks.values.size() * sizeof(float)));
    out.commit();
}

PatchMasks read_mask_file(const std::filesystem::path& file, std::size_t images, int height, int width) {
    PatchMasks masks;
    masks.images = images;
    masks.height = height;
    masks.width = width;
    const std::size_t count = images * masks.image_stride();
    const std::string expected = "expected " + shape_text(images, height, width);
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    require(!error, file.string() + ": cannot read the patch masks (" + error.message() + ")");
    require(size == kHeaderBytes + count * sizeof(float),
            file.string() + ": " + expected + " (" + std::to_string(kHeaderBytes + count * sizeof(float)) +
                " bytes), found " + std::to_string(size) + " bytes; delete its run folder to recompute it");
    std::ifstream in(file, std::ios::binary);
    std::array<char, kHeaderBytes> found{};
    require(static_cast<bool>(in.read(found.data(), static_cast<std::streamsize>(found.size()))),
            file.string() + ": cannot read the patch-mask header");
    require(found == header(images, static_cast<std::uint32_t>(height), static_cast<std::uint32_t>(width)),
            file.string() + ": the header does not describe " + shape_text(images, height, width) +
                "; delete its run folder to recompute it");
    masks.values.resize(count);
    require(static_cast<bool>(in.read(reinterpret_cast<char*>(masks.values.data()),
                                      static_cast<std::streamsize>(count * sizeof(float)))),
            file.string() + ": cannot read the patch masks");
    return masks;
}

}  // namespace qmlr::quantum_patches
