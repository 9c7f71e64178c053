#include "attacks/gaussian_noise.hpp"

#include <algorithm>
#include <string>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "nn/batch_parallel.hpp"

namespace qmlr::attacks {

Tensor gaussian_noise(const Tensor& images, const GaussianNoiseOptions& options) {
    require(options.sigma >= 0.0,
            "gaussian_noise: expected sigma >= 0, got " + std::to_string(options.sigma));
    require(images.shape().rank() >= 1 && images.dim(0) > 0,
            "gaussian_noise: expected images (N,...), got " + images.shape().to_string());
    Tensor noisy = images;
    const auto n = static_cast<std::size_t>(images.dim(0));
    const std::size_t row = images.size() / n;
    nn::for_sample_chunks(n, [&](std::size_t begin, std::size_t end) {
        for (std::size_t s = begin; s < end; ++s) {
            Rng rng(options.seed, options.stream, options.first_index + s);
            for (std::size_t i = s * row; i < (s + 1) * row; ++i) {
                const float v = images[i] + static_cast<float>(options.sigma * rng.normal());
                noisy[i] = options.clip ? std::clamp(v, 0.0f, 1.0f) : v;
            }
        }
    });
    return noisy;
}

}  // namespace qmlr::attacks
