#pragma once
// The scheme the random corruptions share: value j of sample i is transformed with draws from
// the stream (seed, stream, first_index + i), in value order. Corrupting a set in pieces gives
// the same values as corrupting it at once, on any number of threads.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/tensor.hpp"
#include "nn/batch_parallel.hpp"

namespace qmlr::attacks {

struct SampleStreams {
    std::uint64_t seed = 0;
    std::string_view stream;
    std::uint64_t first_index = 0;
};

// images (N,...) -> copy with every value v replaced by transform(v, rng), where rng is the
// stream of its sample. `name` labels the shape error.
template <class Transform>
Tensor corrupt_per_sample(const Tensor& images, const SampleStreams& streams, const char* name,
                          Transform&& transform) {
    require(images.shape().rank() >= 1 && images.dim(0) > 0,
            std::string(name) + ": expected images (N,...), got " + images.shape().to_string());
    Tensor corrupted(images.shape());
    const auto n = static_cast<std::size_t>(images.dim(0));
    const std::size_t row = images.size() / n;
    nn::for_sample_chunks(n, [&](std::size_t begin, std::size_t end) {
        for (std::size_t s = begin; s < end; ++s) {
            Rng rng(streams.seed, streams.stream, streams.first_index + s);
            for (std::size_t i = s * row; i < (s + 1) * row; ++i)
                corrupted[i] = transform(images[i], rng);
        }
    });
    return corrupted;
}

}  // namespace qmlr::attacks
