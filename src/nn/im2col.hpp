#pragma once
// Unfolding an image into the columns a convolution multiplies (and folding them back). Every
// function takes the geometry's UnfoldPlan (below), computed once per call of a layer.
//
//   im2col: image (C,H,W) -> col (C·R·R, Ho·Wo), col[(c·R + ky)·R + kx][oy·Wo + ox]
//           = image[c][oy·s − p + ky][ox·s − p + kx], or 0 outside the image (zero padding)
//   col2im: col (C·R·R, Ho·Wo) -> image (C,H,W), the adjoint of im2col: every column entry
//           is added back to the pixel it was read from (image is overwritten, not added to)
//   im2col_panel: columns [p0, p0+count) of col (count <= 16) as a 16-wide panel,
//                 panel[r*16 + j] = col[r][p0 + j], zero for j >= count
#include <cstddef>
#include <vector>

namespace qmlr::nn {

struct ConvGeometry {
    std::size_t channels, height, width;  // input C, H, W
    std::size_t kernel, stride, padding;  // square R×R kernel
    std::size_t out_height, out_width;    // Ho = (H + 2p − R)/s + 1, Wo likewise

    std::size_t col_rows() const { return channels * kernel * kernel; }
    std::size_t col_cols() const { return out_height * out_width; }
};


// For each kernel offset k: the output rows [row_first, row_last) and columns
// [col_first, col_last) that read inside the image; computed once per geometry. With stride 1,
// output pixels (oy, ox .. ox+n−1) whose windows lie wholly inside the image (interior()) read
// column entry r at image + origin(oy, ox) + offsets[r]: a GEMM can read them in place.
struct UnfoldPlan {
    std::vector<std::size_t> row_first, row_last, col_first, col_last;
    std::vector<std::ptrdiff_t> offsets;  // r = (c·R + ky)·R + kx -> c·H·W + ky·W + kx
    std::size_t inner_row_first = 0, inner_row_last = 0, inner_col_first = 0, inner_col_last = 0;
    bool unit_stride = false;

    void compute(const ConvGeometry& g);
    bool interior(std::size_t oy, std::size_t ox, std::size_t n) const {
        return unit_stride && oy >= inner_row_first && oy < inner_row_last &&
               ox >= inner_col_first && ox + n <= inner_col_last;
    }
    // Every window inside the image (stride 1, no padding).
    bool all_interior(const ConvGeometry& g) const {
        return unit_stride && inner_row_first == 0 && inner_row_last == g.out_height &&
               inner_col_first == 0 && inner_col_last == g.out_width;
    }
};

void im2col(const ConvGeometry& g, const UnfoldPlan& plan, const float* image, float* col);
void col2im(const ConvGeometry& g, const UnfoldPlan& plan, const float* col, float* image);

inline constexpr std::size_t kColPanel = 16;
void im2col_panel(const ConvGeometry& g, const UnfoldPlan& plan, const float* image,
                  std::size_t p0, std::size_t count, float* panel);

}  // namespace qmlr::nn
