#include "data_loaders/image_integrity.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "core/error.hpp"
#include "data_loaders/crc32.hpp"

namespace qmlr::data {
namespace {

constexpr std::array<std::uint8_t, 8> kPngSignature = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
constexpr std::array<std::uint8_t, 2> kJpegStart = {0xFF, 0xD8};
constexpr std::array<std::uint8_t, 2> kJpegEnd = {0xFF, 0xD9};

bool starts_with(std::span<const std::uint8_t> bytes, std::span<const std::uint8_t> prefix) {
    return bytes.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), bytes.begin());
}

std::uint32_t big_endian_u32(const std::uint8_t* p) {
    return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | std::uint32_t{p[3]};
}

std::string hex(std::uint32_t value) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08X", value);
    return text;
}

// The chunk type's four letters; anything else (a damaged type) shows as '?'.
std::string chunk_name(const std::uint8_t* type) {
    std::string name;
    for (int i = 0; i < 4; ++i) {
        const bool letter = (type[i] >= 'A' && type[i] <= 'Z') || (type[i] >= 'a' && type[i] <= 'z');
        name += letter ? static_cast<char>(type[i]) : '?';
    }
    return name;
}

[[noreturn]] void fail(const std::filesystem::path& file, ImageFormat format, const std::string& detail) {
    throw Error(file.string() + ": " + corrupt_image_name(format) + ": " + detail + ". " + corrupt_image_fix());
}

// A chunk is: u32 length (big-endian), 4-byte type, `length` data bytes, u32 CRC of type + data.
void check_png_chunks(const std::filesystem::path& file, std::span<const std::uint8_t> bytes) {
    std::size_t offset = kPngSignature.size();
    while (offset < bytes.size()) {
        if (bytes.size() - offset < 8)
            fail(file, ImageFormat::png, "the chunk at byte " + std::to_string(offset) + " has no complete header (truncated)");
        const std::uint8_t* chunk = bytes.data() + offset;
        const std::size_t length = big_endian_u32(chunk);
        const std::string name = chunk_name(chunk + 4);
        if (bytes.size() - offset - 8 < length + 4)
            fail(file, ImageFormat::png, "chunk '" + name + "' at byte " + std::to_string(offset) + " needs " +
                                             std::to_string(length + 12) + " bytes, the file has " +
                                             std::to_string(bytes.size() - offset) + " left (truncated)");
        const std::uint32_t stored = big_endian_u32(chunk + 8 + length);
        const std::uint32_t computed = crc32(bytes.subspan(offset + 4, length + 4));
        if (stored != computed)
            fail(file, ImageFormat::png, "chunk '" + name + "' at byte " + std::to_string(offset) +
                                             " fails its CRC-32 check (stored " + hex(stored) + ", computed " +
                                             hex(computed) + ")");
        if (name == "IEND") return;
        offset += length + 12;
    }
    fail(file, ImageFormat::png, "no IEND chunk before the end of the file (truncated)");
}

}  // namespace

std::string corrupt_image_name(ImageFormat format) {
    return format == ImageFormat::png ? "corrupt PNG" : "truncated or corrupt JPEG";
}

std::string corrupt_image_fix() { return "Replace the file or fetch the dataset again."; }

ImageFormat check_image_integrity(const std::filesystem::path& file, std::span<const std::uint8_t> bytes) {
    if (starts_with(bytes, kPngSignature)) {
        check_png_chunks(file, bytes);
        return ImageFormat::png;
    }
    if (starts_with(bytes, kJpegStart)) {
        if (bytes.size() < 4 || !std::equal(kJpegEnd.begin(), kJpegEnd.end(), bytes.end() - 2))
            fail(file, ImageFormat::jpeg, "it does not end with the end-of-image marker FF D9 (truncated)");
        return ImageFormat::jpeg;
    }
    std::string found;
    for (std::size_t i = 0; i < std::min<std::size_t>(bytes.size(), 4); ++i) {
        char byte[4];
        std::snprintf(byte, sizeof byte, "%02X ", bytes[i]);
        found += byte;
    }
    throw Error(file.string() + ": not a PNG or JPEG file (expected the PNG signature 89 50 4E 47 or the JPEG "
                "start marker FF D8, found " + (found.empty() ? "an empty file" : found.substr(0, found.size() - 1)) +
                "). " + corrupt_image_fix());
}

}  // namespace qmlr::data
