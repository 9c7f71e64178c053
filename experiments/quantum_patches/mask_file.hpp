#pragma once
// The patch masks of a training set as an artifact of its patches run (masks.bin; the run store
// checks its size and CRC-32 on every read, so this format carries no checksum of its own):
//   "QPMASKS2", u64 images, u32 height, u32 width (little-endian), then images·4·height·width
//   float32 masks, (N, 4, H/2, W/2) row-major.
#include <cstddef>
#include <filesystem>

#include "experiments/quantum_patches/patch_masks.hpp"

namespace qmlr::quantum_patches {

// Written atomically.
void write_mask_file(const std::filesystem::path& file, const PatchMasks& masks);

// The masks of `images` images of height × width; an Error naming the file and what differs when
// its header or size does not match.
PatchMasks read_mask_file(const std::filesystem::path& file, std::size_t images, int height, int width);

}  // namespace qmlr::quantum_patches
