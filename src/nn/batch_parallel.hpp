#pragma once
// The parallel loops of nn/ and attacks/. Chunk boundaries depend on the problem size only,
// never on the thread count, so per-chunk partial sums added in chunk order give bit-identical
// results for any number of threads.
//
// A loop started inside another one runs serially on the calling thread (parallel.hpp).
#include <cstddef>

#include "core/parallel.hpp"

namespace qmlr::nn {

// body(begin, end) over the samples [0, batch) in chunks of 8 samples.
template <class F>
void for_sample_chunks(std::size_t batch, F&& body) {
    parallel_for(batch, 8, body);
}

// body(begin, end) over [0, n) elements of an elementwise operation: chunks of 32k values
// (128 KiB), so small tensors stay on one thread.
template <class F>
void for_element_chunks(std::size_t n, F&& body) {
    parallel_for(n, std::size_t{1} << 15, body);
}

}  // namespace qmlr::nn
