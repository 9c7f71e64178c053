#pragma once
// From images to quantum patches (docs/quantum_patches.md §7.2):
//   image x (C,H,W) in [0,1] → grayscale g (H,W) in double (0.299R + 0.587G + 0.114B; g = x for
//   one channel) → the filter on every 2×2 block → maps Q_c (4, H/2, W/2) → per-map min–max
//   normalisation m_c = (Q_c − min) / (max − min + 1e-8) → masks stored as float →
//   patched copy x^(c) = x ⊙ M_c with M_c the ×2 nearest upsampling of m_c, on every channel.
// The masks are what is stored (4·H/2·W/2 floats per image); a patched copy is rebuilt from the
// image and its mask whenever needed, always by patched_copy(), so cached and fresh masks give
// bit-identical patched images.
#include <array>
#include <cstddef>
#include <vector>

#include "core/tensor.hpp"
#include "experiments/quantum_patches/patch_filter.hpp"

namespace qmlr::quantum_patches {

inline constexpr int kPatchMaps = 4;
inline constexpr double kNormalisationEps = 1e-8;

// The normalised half-resolution masks of N images: (N, 4, H/2, W/2), row-major.
struct PatchMasks {
    std::size_t images = 0;
    int height = 0, width = 0;  // H/2, W/2
    std::vector<float> values;

    std::size_t map_size() const { return static_cast<std::size_t>(height) * static_cast<std::size_t>(width); }
    std::size_t image_stride() const { return kPatchMaps * map_size(); }
    const float* mask(std::size_t image, int map) const {
        return values.data() + image * image_stride() + static_cast<std::size_t>(map) * map_size();
    }
};

// Grayscale of one image (C,H,W) with C = 1 or 3 -> gray (H·W), in double.
void grayscale(const float* image, int channels, int height, int width, double* gray);

// The raw maps Q (4, H/2, W/2) of one grayscale image (H, W even).
void quantum_maps(const PatchFilter& filter, const double* gray, int height, int width, double* maps);

// In place: (v − min) / (max − min + 1e-8) over `count` values (a constant map becomes zeros).
void normalise_min_max(double* values, std::size_t count);

// x^(c) (C,H,W) = x ⊙ upsample×2(mask), mask (H/2, W/2), in float.
void patched_copy(const float* image, int channels, int height, int width, const float* mask, float* out);

// The masks of every image of `images` (N,C,H,W), blocks of all images spread over threads in
// fixed chunks of images (bit-identical for any thread count).
PatchMasks compute_patch_masks(const Tensor& images, const PatchFilter& filter);

// The mean value of each mask over all images and positions (double, fixed order).
std::array<double, kPatchMaps> mask_means(const PatchMasks& masks);

}  // namespace qmlr::quantum_patches
