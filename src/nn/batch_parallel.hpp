#pragma once
// The parallel loops of nn/ and attacks/. Chunk boundaries depend on the problem size only,
// never on the thread count, so per-chunk partial sums added in chunk order give bit-identical
// results for any number of threads.
//
// Every loop goes through parallel_range: a loop started inside another one runs serially on
// the calling thread. (qmlr::parallel_for does this for pool workers, but with a one-thread
// pool its serial path holds the pool lock while running the chunks, so a nested call from the
// calling thread would block on that lock; the depth counter here never lets it get there.)
#include <cstddef>

#include "core/parallel.hpp"

namespace qmlr::nn {

namespace detail {
inline thread_local int parallel_depth = 0;
}  // namespace detail

// body(begin, end) over [0, n) in chunks of `grain` items.
template <class F>
void parallel_range(std::size_t n, std::size_t grain, F&& body) {
    if (grain == 0) grain = 1;
    if (detail::parallel_depth > 0) {
        for (std::size_t begin = 0; begin < n; begin += grain)
            body(begin, begin + grain < n ? begin + grain : n);
        return;
    }
    struct Depth {
        Depth() { ++detail::parallel_depth; }
        ~Depth() { --detail::parallel_depth; }
    } depth;
    parallel_for(n, grain, body);
}

// body(begin, end) over the samples [0, batch) in chunks of 8 samples.
template <class F>
void for_sample_chunks(std::size_t batch, F&& body) {
    parallel_range(batch, 8, body);
}

// body(begin, end) over [0, n) elements of an elementwise operation: chunks of 32k values
// (128 KiB), so small tensors stay on one thread.
template <class F>
void for_element_chunks(std::size_t n, F&& body) {
    parallel_range(n, std::size_t{1} << 15, body);
}

}  // namespace qmlr::nn
