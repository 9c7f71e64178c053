#pragma once
// Unfolding an image into the columns a convolution multiplies (and folding them back).
//
//   im2col: image (C,H,W) -> col (C·R·R, Ho·Wo), col[(c·R + ky)·R + kx][oy·Wo + ox]
//           = image[c][oy·s − p + ky][ox·s − p + kx], or 0 outside the image (zero padding)
//   col2im: col (C·R·R, Ho·Wo) -> image (C,H,W), the adjoint of im2col: every column entry
//           is added back to the pixel it was read from (image is overwritten, not added to)
#include <cstddef>

namespace qmlr::nn {

struct ConvGeometry {
    std::size_t channels, height, width;  // input C, H, W
    std::size_t kernel, stride, padding;  // square R×R kernel
    std::size_t out_height, out_width;    // Ho = (H + 2p − R)/s + 1, Wo likewise

    std::size_t col_rows() const { return channels * kernel * kernel; }
    std::size_t col_cols() const { return out_height * out_width; }
    // A 1×1 kernel with stride 1 and no padding: the image already is its column matrix.
    bool is_pointwise() const { return kernel == 1 && stride == 1 && padding == 0; }
};

void im2col(const ConvGeometry& g, const float* image, float* col);
void col2im(const ConvGeometry& g, const float* col, float* image);

}  // namespace qmlr::nn
