#include "attacks/salt_and_pepper.hpp"

#include <string>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "nn/batch_parallel.hpp"

namespace qmlr::attacks {

Tensor salt_and_pepper(const Tensor& images, const SaltAndPepperOptions& options) {
    require(options.amount >= 0.0 && options.amount <= 1.0 && options.salt_share >= 0.0 &&
                options.salt_share <= 1.0,
            "salt_and_pepper: expected amount and salt_share in [0, 1], got " +
                std::to_string(options.amount) + " and " + std::to_string(options.salt_share));
    require(images.shape().rank() >= 1 && images.dim(0) > 0,
            "salt_and_pepper: expected images (N,...), got " + images.shape().to_string());
    Tensor corrupted = images;
    const auto n = static_cast<std::size_t>(images.dim(0));
    const std::size_t row = images.size() / n;
    nn::for_sample_chunks(n, [&](std::size_t begin, std::size_t end) {
        for (std::size_t s = begin; s < end; ++s) {
            Rng rng(options.seed, options.stream, options.first_index + s);
            for (std::size_t i = s * row; i < (s + 1) * row; ++i) {
                // One uniform per value decides both: below amount·salt_share salt, below
                // amount pepper, else unchanged.
                const double u = rng.uniform();
                if (u < options.amount * options.salt_share) corrupted[i] = 1.0f;
                else if (u < options.amount) corrupted[i] = 0.0f;
            }
        }
    });
    return corrupted;
}

}  // namespace qmlr::attacks
