#include "experiments/quantum_patches/preview.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "core/error.hpp"

// Static functions only: no symbol clash with other users of stb_image_write.
#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>

namespace qmlr::quantum_patches {

namespace {

void append_bytes(void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

}  // namespace

std::string patch_preview_png(const Tensor& images, const PatchMasks& masks, std::size_t rows) {
    require(rows > 0 && rows <= masks.images && masks.images == static_cast<std::size_t>(images.dim(0)),
            "patch_preview_png: expected 1.." + std::to_string(masks.images) + " rows with one mask set per image");
    const int channels = static_cast<int>(images.dim(1)), height = static_cast<int>(images.dim(2)),
              width = static_cast<int>(images.dim(3));
    constexpr int kPanels = 1 + kPatchMaps, kGap = 1;
    const int out_w = kPanels * width + (kPanels - 1) * kGap;
    const int out_h = static_cast<int>(rows) * height + (static_cast<int>(rows) - 1) * kGap;
    std::vector<unsigned char> rgb(static_cast<std::size_t>(out_w) * static_cast<std::size_t>(out_h) * 3, 255);
    const std::size_t plane = static_cast<std::size_t>(height) * static_cast<std::size_t>(width);
    std::vector<float> panel(static_cast<std::size_t>(channels) * plane);
    for (std::size_t r = 0; r < rows; ++r) {
        const float* x = images.sample(static_cast<std::int64_t>(r));
        for (int p = 0; p < kPanels; ++p) {
            if (p == 0)
                std::copy(x, x + panel.size(), panel.begin());
            else
                patched_copy(x, channels, height, width, masks.mask(r, p - 1), panel.data());
            for (int y = 0; y < height; ++y)
                for (int s = 0; s < width; ++s)
                    for (int c = 0; c < 3; ++c) {
                        const int source = channels == 1 ? 0 : c;
                        const float v = panel[static_cast<std::size_t>(source) * plane + static_cast<std::size_t>(y * width + s)];
                        const std::size_t oy = r * static_cast<std::size_t>(height + kGap) + static_cast<std::size_t>(y);
                        const std::size_t ox = static_cast<std::size_t>(p * (width + kGap) + s);
                        rgb[(oy * static_cast<std::size_t>(out_w) + ox) * 3 + static_cast<std::size_t>(c)] =
                            static_cast<unsigned char>(std::lround(v * 255.0f));
                    }
        }
    }
    std::string png;
    require(stbi_write_png_to_func(append_bytes, &png, out_w, out_h, 3, rgb.data(), out_w * 3) != 0,
            "patch_preview_png: PNG encoding failed");
    return png;
}

}  // namespace qmlr::quantum_patches
