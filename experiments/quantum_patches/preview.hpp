#pragma once
// A small preview image for the report: one row per image, five 1-pixel-separated panels per
// row (the original, then its patched copies x^(0)..x^(3)); one-channel images are shown grey.
// PNG (stb_image_write), returned as bytes: the patches run keeps it as an artifact, and the merge
// publishes it beside the tables.
#include <string>

#include "core/tensor.hpp"
#include "experiments/quantum_patches/patch_masks.hpp"

namespace qmlr::quantum_patches {

// The PNG bytes of the first `rows` images of `images` (N, C, H, W) with their masks.
std::string patch_preview_png(const Tensor& images, const PatchMasks& masks, std::size_t rows);

}  // namespace qmlr::quantum_patches
