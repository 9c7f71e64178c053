#pragma once
// Salt-and-pepper noise: each value independently becomes 1 (salt) or 0 (pepper) with total
// probability `amount`, salt with probability salt_share of those; otherwise it is kept. The
// draws of sample i come from the stream (seed, stream, first_index + i).
#include <cstdint>
#include <string_view>

#include "core/tensor.hpp"

namespace qmlr::attacks {

struct SaltAndPepperOptions {
    double amount = 0.05;
    double salt_share = 0.5;
    std::uint64_t seed = 0;
    std::string_view stream = "salt-and-pepper";
    std::uint64_t first_index = 0;
};

// images (N,...) -> corrupted copy (N,...).
Tensor salt_and_pepper(const Tensor& images, const SaltAndPepperOptions& options);

}  // namespace qmlr::attacks
