#include "support/fixtures.hpp"

#include <stdexcept>

#include "support/temp_dir.hpp"

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>

namespace qmlr::test {
namespace {

void put_u32_big_endian(std::string& bytes, std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) bytes += static_cast<char>((value >> shift) & 0xff);
}

}  // namespace

std::string idx_images(int n, int h, int w) {
    std::string bytes = {0, 0, 0x08, 0x03};
    put_u32_big_endian(bytes, static_cast<std::uint32_t>(n));
    put_u32_big_endian(bytes, static_cast<std::uint32_t>(h));
    put_u32_big_endian(bytes, static_cast<std::uint32_t>(w));
    for (int i = 0; i < n; ++i)
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) bytes += static_cast<char>((i * 7 + y * w + x) % 256);
    return bytes;
}

std::string idx_labels(const std::vector<std::uint8_t>& labels) {
    std::string bytes = {0, 0, 0x08, 0x01};
    put_u32_big_endian(bytes, static_cast<std::uint32_t>(labels.size()));
    for (auto label : labels) bytes += static_cast<char>(label);
    return bytes;
}

std::string cifar_batch(const std::vector<std::uint8_t>& labels) {
    std::string bytes;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        bytes += static_cast<char>(labels[i]);
        for (std::size_t j = 0; j < 3072; ++j) bytes += static_cast<char>((i + j) % 256);
    }
    return bytes;
}

std::vector<std::uint8_t> rgb_pattern(int w, int h, int seed) {
    std::vector<std::uint8_t> rgb;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            rgb.push_back(static_cast<std::uint8_t>(seed + y));
            rgb.push_back(static_cast<std::uint8_t>(seed + x));
            rgb.push_back(static_cast<std::uint8_t>(seed + x + y));
        }
    return rgb;
}

void write_png(const std::filesystem::path& path, int w, int h, const std::vector<std::uint8_t>& rgb) {
    std::filesystem::create_directories(path.parent_path());
    if (stbi_write_png(path.c_str(), w, h, 3, rgb.data(), w * 3) == 0)
        throw std::runtime_error("cannot write " + path.string());
}

void write_jpg(const std::filesystem::path& path, int w, int h, const std::vector<std::uint8_t>& rgb) {
    std::filesystem::create_directories(path.parent_path());
    if (stbi_write_jpg(path.c_str(), w, h, 3, rgb.data(), 95) == 0)
        throw std::runtime_error("cannot write " + path.string());
}

}  // namespace qmlr::test
