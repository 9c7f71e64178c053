#pragma once
// Small dataset files generated in the formats the loaders read, for unit tests.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace qmlr::test {

// IDX images (n, h, w) whose pixel (i, y, x) is (i * 7 + y * w + x) % 256, and IDX labels.
std::string idx_images(int n, int h, int w);
std::string idx_labels(const std::vector<std::uint8_t>& labels);

// A CIFAR binary batch: record i has `labels[i]` and pixel byte j = (i + j) % 256.
std::string cifar_batch(const std::vector<std::uint8_t>& labels);

// RGB images (h, w, 3 interleaved) written with stb_image_write; JPEG at quality 95.
void write_png(const std::filesystem::path& path, int w, int h, const std::vector<std::uint8_t>& rgb);
void write_jpg(const std::filesystem::path& path, int w, int h, const std::vector<std::uint8_t>& rgb);
// A w x h RGB image with pixel (y, x) = (seed + y, seed + x, seed + x + y) (mod 256).
std::vector<std::uint8_t> rgb_pattern(int w, int h, int seed);

}  // namespace qmlr::test
