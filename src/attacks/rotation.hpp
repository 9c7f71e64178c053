#pragma once
// Rotation by a fixed angle (docs/conventions.md §8): bilinear interpolation about the image centre
// ((W−1)/2, (H−1)/2) in pixel coordinates, zero fill, positive angle = counter-clockwise as
// the image is viewed (rows top to bottom).
//
// Output pixel (x, y), offset (dx, dy) from the centre, reads the input at
//   (cx + cos θ·dx − sin θ·dy,  cy + sin θ·dx + cos θ·dy)
// interpolated from its four neighbours, each outside the image counting as 0.
#include "core/tensor.hpp"

namespace qmlr::attacks {

// images (N,C,H,W) -> rotated copy (N,C,H,W).
Tensor rotate(const Tensor& images, double degrees);

}  // namespace qmlr::attacks
