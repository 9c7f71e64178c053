#include "attacks/gaussian_noise.hpp"

#include <algorithm>
#include <string>

#include "attacks/per_sample_corruption.hpp"
#include "core/error.hpp"

namespace qmlr::attacks {

Tensor gaussian_noise(const Tensor& images, const GaussianNoiseOptions& options) {
    require(options.sigma >= 0.0,
            "gaussian_noise: expected sigma >= 0, got " + std::to_string(options.sigma));
    return corrupt_per_sample(images, {options.seed, options.stream, options.first_index},
                              "gaussian_noise", [&](float value, Rng& rng) {
                                  const float v = value + static_cast<float>(options.sigma * rng.normal());
                                  return options.clip ? std::clamp(v, 0.0f, 1.0f) : v;
                              });
}

}  // namespace qmlr::attacks
