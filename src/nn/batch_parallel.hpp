#pragma once
// How layers spread a batch over threads. Chunk boundaries depend on the batch size only, never
// on the thread count, so per-chunk partial gradients added in chunk order give bit-identical
// results for any number of threads.
#include <algorithm>
#include <cstddef>

#include "core/parallel.hpp"

namespace qmlr::nn {

// At most this many sample chunks per batch: enough to balance two to eight threads.
inline constexpr std::size_t kMaxSampleChunks = 16;

inline std::size_t samples_per_chunk(std::size_t batch) {
    return std::max<std::size_t>(1, (batch + kMaxSampleChunks - 1) / kMaxSampleChunks);
}

// body(begin, end) over the samples [0, batch) in fixed chunks.
template <class F>
void for_sample_chunks(std::size_t batch, F&& body) {
    parallel_for(batch, samples_per_chunk(batch), body);
}

// body(begin, end) over [0, n) elements of an elementwise operation: chunks of 32k values
// (128 KiB), so small tensors stay on one thread.
template <class F>
void for_element_chunks(std::size_t n, F&& body) {
    parallel_for(n, std::size_t{1} << 15, body);
}

}  // namespace qmlr::nn
