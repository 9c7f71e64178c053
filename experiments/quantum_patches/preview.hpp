#pragma once
// A small preview image for the report: one row per image, five 1-pixel-separated panels per
// row (the original, then its patched copies x^(0)..x^(3)); one-channel images are shown grey.
// PNG (stb_image_write), written atomically.
#include <filesystem>

#include "core/tensor.hpp"
#include "experiments/quantum_patches/patch_masks.hpp"

namespace qmlr::quantum_patches {

// The first `rows` images of `images` (N, C, H, W) with their masks.
void write_patch_preview(const std::filesystem::path& file, const Tensor& images, const PatchMasks& masks,
                         std::size_t rows);

}  // namespace qmlr::quantum_patches
