#include "attacks/rotation.hpp"

#include <cmath>
#include <numbers>

#include "core/error.hpp"
#include "nn/batch_parallel.hpp"

namespace qmlr::attacks {

Tensor rotate(const Tensor& images, double degrees) {
    if (images.shape().rank() != 4)
        throw Error("rotate: expected images of shape (N,C,H,W), got " + images.shape().to_string());
    const auto h = images.dim(2), w = images.dim(3);
    const double theta = degrees * std::numbers::pi / 180.0;
    const double c = std::cos(theta), s = std::sin(theta);
    const double cx = (static_cast<double>(w) - 1.0) / 2.0, cy = (static_cast<double>(h) - 1.0) / 2.0;
    Tensor rotated(images.shape());
    const auto planes = static_cast<std::size_t>(images.dim(0) * images.dim(1));
    nn::for_sample_chunks(planes, [&](std::size_t begin, std::size_t end) {
        for (std::size_t p = begin; p < end; ++p) {
            const float* in = images.data() + p * static_cast<std::size_t>(h * w);
            float* out = rotated.data() + p * static_cast<std::size_t>(h * w);
            auto pixel = [&](std::int64_t y, std::int64_t x) -> double {
                return (x < 0 || y < 0 || x >= w || y >= h) ? 0.0 : in[y * w + x];
            };
            for (std::int64_t y = 0; y < h; ++y)
                for (std::int64_t x = 0; x < w; ++x) {
                    const double dx = static_cast<double>(x) - cx, dy = static_cast<double>(y) - cy;
                    const double sx = cx + c * dx - s * dy, sy = cy + s * dx + c * dy;
                    const double fx = std::floor(sx), fy = std::floor(sy);
                    const auto x0 = static_cast<std::int64_t>(fx), y0 = static_cast<std::int64_t>(fy);
                    const double ax = sx - fx, ay = sy - fy;
                    const double value = (1 - ay) * ((1 - ax) * pixel(y0, x0) + ax * pixel(y0, x0 + 1)) +
                                         ay * ((1 - ax) * pixel(y0 + 1, x0) + ax * pixel(y0 + 1, x0 + 1));
                    out[y * w + x] = static_cast<float>(value);
                }
        }
    });
    return rotated;
}

}  // namespace qmlr::attacks
