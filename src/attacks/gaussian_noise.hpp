#pragma once
// Additive Gaussian noise (docs/conventions.md §8): x' = x + σ·n, n ~ N(0,1) per value, unclipped
// by default, clipped to [0,1] on request. The noise of sample i (global index first_index + i)
// comes from the stream (seed, stream, first_index + i): corrupting a set in pieces gives the same
// values as corrupting it at once, on any number of threads.
#include <cstdint>
#include <string_view>

#include "core/tensor.hpp"

namespace qmlr::attacks {

struct GaussianNoiseOptions {
    double sigma = 0.1;
    bool clip = false;
    std::uint64_t seed = 0;
    std::string_view stream = "gaussian-noise";
    std::uint64_t first_index = 0;
};

// images (N,...) -> noisy copy (N,...).
Tensor gaussian_noise(const Tensor& images, const GaussianNoiseOptions& options);

}  // namespace qmlr::attacks
