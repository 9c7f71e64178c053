#include "experiments/quantum_patches/patch_masks.hpp"

#include <algorithm>
#include <string>

#include "core/error.hpp"
#include "core/parallel.hpp"

namespace qmlr::quantum_patches {

void grayscale(const float* image, int channels, int height, int width, double* gray) {
    const std::size_t plane = static_cast<std::size_t>(height) * static_cast<std::size_t>(width);
    if (channels == 1) {
        for (std::size_t i = 0; i < plane; ++i) gray[i] = image[i];
        return;
    }
    require(channels == 3, "grayscale: expected 1 or 3 channels, found " + std::to_string(channels));
    for (std::size_t i = 0; i < plane; ++i)
        gray[i] = 0.299 * image[i] + 0.587 * image[plane + i] + 0.114 * image[2 * plane + i];
}

void quantum_maps(const PatchFilter& filter, const double* gray, int height, int width, double* maps) {
    const int h2 = height / 2, w2 = width / 2;
    const std::size_t map_size = static_cast<std::size_t>(h2) * static_cast<std::size_t>(w2);
    for (int i = 0; i < h2; ++i)
        for (int j = 0; j < w2; ++j) {
            const double* top = gray + static_cast<std::size_t>(2 * i) * static_cast<std::size_t>(width) + 2 * j;
            const double* bottom = top + width;
            const double block[4] = {top[0], top[1], bottom[0], bottom[1]};  // wires 0..3
            double z[4];
            filter.evaluate(block, z);
            const std::size_t at = static_cast<std::size_t>(i) * static_cast<std::size_t>(w2) + static_cast<std::size_t>(j);
            for (int c = 0; c < kPatchMaps; ++c) maps[static_cast<std::size_t>(c) * map_size + at] = z[c];
        }
}

void normalise_min_max(double* values, std::size_t count) {
    const auto [lo, hi] = std::minmax_element(values, values + count);
    const double min = *lo, range = *hi - *lo;
    for (std::size_t i = 0; i < count; ++i) values[i] = (values[i] - min) / (range + kNormalisationEps);
}

void patched_copy(const float* image, int channels, int height, int width, const float* mask, float* out) {
    const int w2 = width / 2;
    for (int ch = 0; ch < channels; ++ch)
        for (int r = 0; r < height; ++r) {
            const float* mask_row = mask + static_cast<std::size_t>(r / 2) * static_cast<std::size_t>(w2);
            const std::size_t row = (static_cast<std::size_t>(ch) * static_cast<std::size_t>(height) + static_cast<std::size_t>(r)) *
                                    static_cast<std::size_t>(width);
            for (int s = 0; s < width; ++s) out[row + static_cast<std::size_t>(s)] = image[row + static_cast<std::size_t>(s)] * mask_row[s / 2];
        }
}

PatchMasks compute_patch_masks(const Tensor& images, const PatchFilter& filter) {
    require(images.shape().rank() == 4, "compute_patch_masks: expected images (N,C,H,W), found " + images.shape().to_string());
    const int channels = static_cast<int>(images.dim(1)), height = static_cast<int>(images.dim(2)),
              width = static_cast<int>(images.dim(3));
    require(height % 2 == 0 && width % 2 == 0,
            "compute_patch_masks: image sides must be even for 2x2 blocks, found " + images.shape().to_string());
    PatchMasks masks;
    masks.images = static_cast<std::size_t>(images.dim(0));
    masks.height = height / 2;
    masks.width = width / 2;
    masks.values.resize(masks.images * masks.image_stride());
    const std::size_t plane = static_cast<std::size_t>(height) * static_cast<std::size_t>(width);
    constexpr std::size_t kImagesPerChunk = 64;
    parallel_for(masks.images, kImagesPerChunk, [&](std::size_t begin, std::size_t end) {
        std::vector<double> gray(plane), maps(masks.image_stride());
        for (std::size_t n = begin; n < end; ++n) {
            grayscale(images.sample(static_cast<std::int64_t>(n)), channels, height, width, gray.data());
            quantum_maps(filter, gray.data(), height, width, maps.data());
            for (int c = 0; c < kPatchMaps; ++c) normalise_min_max(maps.data() + static_cast<std::size_t>(c) * masks.map_size(), masks.map_size());
            std::copy(maps.begin(), maps.end(), masks.values.begin() + static_cast<std::ptrdiff_t>(n * masks.image_stride()));
        }
    });
    return masks;
}

std::array<double, kPatchMaps> mask_means(const PatchMasks& masks) {
    std::array<double, kPatchMaps> means{};
    for (std::size_t i = 0; i < masks.images; ++i)
        for (int c = 0; c < kPatchMaps; ++c) {
            const float* m = masks.mask(i, c);
            for (std::size_t k = 0; k < masks.map_size(); ++k) means[static_cast<std::size_t>(c)] += m[k];
        }
    for (double& mean : means) mean /= static_cast<double>(masks.images * masks.map_size());
    return means;
}

}  // namespace qmlr::quantum_patches
