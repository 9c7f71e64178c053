#pragma once
// Deterministic data parallelism on a small persistent thread pool.
//
// Work is cut into fixed chunks whose boundaries depend only on the problem size and the grain
// the caller chooses — never on the thread count — and threads pick chunks dynamically.
// Reductions keep one partial per chunk and add the partials in chunk order, so a result is
// bit-identical for 1, 2 or 64 threads. A parallel call made from inside a chunk runs serially
// on the calling thread (no nested oversubscription).
#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector>

namespace qmlr {

// Number of threads parallel calls use (the caller included). 0 = one per CPU this process may
// use (usable_cpu_count(): affinity mask, cgroup quota, SLURM_CPUS_PER_TASK).
// Default: $QMLR_THREADS if set, else that count. Call between parallel calls only.
void set_thread_count(int threads);
int thread_count();

// A non-owning reference to a callable `void(std::size_t)`; cheap to pass, no allocation.
class ChunkBody {
public:
    template <class F>
    ChunkBody(F& f)  // NOLINT: implicit by design, binds any callable lvalue
        : object_(static_cast<void*>(&f)),
          call_([](void* object, std::size_t chunk) { (*static_cast<F*>(object))(chunk); }) {}
    void operator()(std::size_t chunk) const { call_(object_, chunk); }

private:
    void* object_;
    void (*call_)(void*, std::size_t);
};

// Runs body(k) for every k in [0, chunks), spread over the pool. If bodies throw, the exception
// of the lowest-numbered failing chunk is rethrown here (other chunks may or may not have run).
void run_chunks(std::size_t chunks, ChunkBody body);

inline std::size_t chunk_count(std::size_t n, std::size_t grain) {
    return grain == 0 ? 0 : (n + grain - 1) / grain;
}

// body(begin, end) over [0, n) in chunks of `grain` items (the last may be shorter).
template <class F>
void parallel_for(std::size_t n, std::size_t grain, F&& body) {
    if (grain == 0) grain = 1;
    auto chunk = [&](std::size_t k) {
        const std::size_t begin = k * grain;
        body(begin, begin + grain < n ? begin + grain : n);
    };
    run_chunks(chunk_count(n, grain), chunk);
}

// Deterministic reduction over [0, n): map(begin, end) -> T for each chunk, then
// combine(combine(combine(init, p0), p1), ...) in chunk order on the calling thread.
template <class T, class Map, class Combine>
T parallel_reduce(std::size_t n, std::size_t grain, T init, Map&& map, Combine&& combine) {
    if (grain == 0) grain = 1;
    std::vector<T> partials(chunk_count(n, grain));
    auto chunk = [&](std::size_t k) {
        const std::size_t begin = k * grain;
        partials[k] = map(begin, begin + grain < n ? begin + grain : n);
    };
    run_chunks(partials.size(), chunk);
    T result = std::move(init);
    for (auto& partial : partials) result = combine(std::move(result), std::move(partial));
    return result;
}

}  // namespace qmlr
