#include "attacks/salt_and_pepper.hpp"

#include <string>

#include "attacks/per_sample_corruption.hpp"
#include "core/error.hpp"

namespace qmlr::attacks {

Tensor salt_and_pepper(const Tensor& images, const SaltAndPepperOptions& options) {
    require(options.amount >= 0.0 && options.amount <= 1.0 && options.salt_share >= 0.0 &&
                options.salt_share <= 1.0,
            "salt_and_pepper: expected amount and salt_share in [0, 1], got " +
                std::to_string(options.amount) + " and " + std::to_string(options.salt_share));
    // One uniform per value decides both: below amount·salt_share salt, below amount pepper,
    // else unchanged.
    const double salt_below = options.amount * options.salt_share;
    return corrupt_per_sample(images, {options.seed, options.stream, options.first_index},
                              "salt_and_pepper", [&](float value, Rng& rng) {
                                  const double u = rng.uniform();
                                  return u < salt_below ? 1.0f : (u < options.amount ? 0.0f : value);
                              });
}

}  // namespace qmlr::attacks
