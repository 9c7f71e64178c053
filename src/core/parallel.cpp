#include "core/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/cpu_allocation.hpp"
#include "core/error.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace qmlr {
namespace {

thread_local bool inside_chunk = false;

// Marks the calling thread as running chunks for the scope's lifetime, so parallel calls made
// from those chunks run inline.
class ChunkScope {
public:
    ChunkScope() : previous_(inside_chunk) { inside_chunk = true; }
    ~ChunkScope() { inside_chunk = previous_; }
    ChunkScope(const ChunkScope&) = delete;
    ChunkScope& operator=(const ChunkScope&) = delete;

private:
    bool previous_;
};

void run_serially(std::size_t chunks, ChunkBody body) {
    ChunkScope scope;
    for (std::size_t k = 0; k < chunks; ++k) body(k);
}

int default_thread_count() {
    if (const char* env = std::getenv("QMLR_THREADS"); env != nullptr && *env != '\0') {
        char* end = nullptr;
        const long n = std::strtol(env, &end, 10);
        if (*end != '\0' || n < 0 || n > 1024)
            throw Error("QMLR_THREADS must be an integer in 0..1024 (0 = every CPU this process "
                        "may use), got '" + std::string(env) + "'");
        return n == 0 ? usable_cpu_count() : static_cast<int>(n);
    }
    return usable_cpu_count();
}

// Spins while waiting for `ready` for up to kSpinBudget before the caller falls back to a
// blocking wait: training runs a thousand short jobs a second, and a worker woken through the
// kernel needs tens of microseconds to start, longer than some of those jobs take.
constexpr auto kSpinBudget = std::chrono::microseconds(200);

template <class Ready>
bool spin_until(Ready ready) {
    const auto give_up = std::chrono::steady_clock::now() + kSpinBudget;
    for (;;) {
        for (int i = 0; i < 64; ++i) {
            if (ready()) return true;
#if defined(__x86_64__) || defined(__i386__)
            _mm_pause();
#endif
        }
        if (std::chrono::steady_clock::now() >= give_up) return false;
    }
}

// Workers wait for each job (a new `generation`), spinning briefly and then sleeping on a
// condition variable. The caller runs chunks too and returns only when every chunk is done
// and every worker has left the job, so the job's body (on the caller's stack) is never
// touched after return.
class ThreadPool {
public:
    explicit ThreadPool(int threads) {
        for (int i = 1; i < threads; ++i) workers_.emplace_back([this] { work(); });
    }
    ~ThreadPool() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        for (auto& worker : workers_) worker.join();
    }
    int threads() const { return static_cast<int>(workers_.size()) + 1; }

    void run(std::size_t chunks, ChunkBody body) {
        std::unique_lock lock(mutex_);
        body_ = &body;
        chunks_ = chunks;
        next_chunk_ = 0;
        failed_chunk_ = std::numeric_limits<std::size_t>::max();
        failure_ = nullptr;
        workers_in_job_ = workers_.size();
        generation_.fetch_add(1, std::memory_order_release);
        lock.unlock();
        wake_.notify_all();

        take_chunks();

        const auto all_left = [this] { return workers_in_job_.load(std::memory_order_acquire) == 0; };
        lock.lock();
        if (!all_left()) {
            lock.unlock();
            const bool left = spin_until(all_left);
            lock.lock();
            if (!left) job_done_.wait(lock, all_left);
        }
        body_ = nullptr;
        if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
    }

private:
    void work() {
        std::uint64_t seen = 0;
        const auto new_job = [&] { return generation_.load(std::memory_order_acquire) != seen; };
        for (;;) {
            if (!spin_until(new_job)) {
                std::unique_lock lock(mutex_);
                wake_.wait(lock, [&] { return stopping_ || new_job(); });
                if (stopping_) return;
            }
            seen = generation_.load(std::memory_order_acquire);
            take_chunks();
            // Under the lock, so the caller cannot check the count and start waiting between
            // this decrement and the notification.
            std::lock_guard lock(mutex_);
            if (workers_in_job_.fetch_sub(1, std::memory_order_acq_rel) == 1) job_done_.notify_one();
        }
    }

    void take_chunks() {
        ChunkScope scope;
        for (;;) {
            std::size_t k;
            {
                std::lock_guard lock(mutex_);
                if (next_chunk_ >= chunks_) break;
                k = next_chunk_++;
            }
            try {
                (*body_)(k);
            } catch (...) {
                std::lock_guard lock(mutex_);
                if (k < failed_chunk_) {
                    failed_chunk_ = k;
                    failure_ = std::current_exception();
                }
            }
        }
    }

    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable job_done_;
    std::vector<std::thread> workers_;
    bool stopping_ = false;                     // guarded by mutex_
    std::atomic<std::uint64_t> generation_{0};  // changed under mutex_, read by spinning workers
    // Workers that have not yet left the current job; decremented under mutex_.
    std::atomic<std::size_t> workers_in_job_{0};
    // The current job, guarded by mutex_.
    ChunkBody* body_ = nullptr;
    std::size_t chunks_ = 0;
    std::size_t next_chunk_ = 0;
    std::size_t failed_chunk_ = 0;
    std::exception_ptr failure_;
};

std::mutex pool_mutex;  // serialises top-level parallel calls and pool replacement
std::unique_ptr<ThreadPool> pool;
// The pool's size, readable without the lock (a chunk may ask while its caller holds it);
// 0 until the pool exists.
std::atomic<int> pool_threads{0};

void replace_pool(int threads) {
    pool.reset();
    pool = std::make_unique<ThreadPool>(threads);
    pool_threads = threads;
}

ThreadPool& current_pool() {
    if (!pool) replace_pool(default_thread_count());
    return *pool;
}

}  // namespace

void set_thread_count(int threads) {
    if (threads < 0 || threads > 1024)
        throw Error("thread count must be in 0..1024 (0 = every CPU this process may use), got " +
                    std::to_string(threads));
    if (inside_chunk)
        throw Error("set_thread_count was called from inside a parallel chunk; call it between "
                    "parallel calls (e.g. at program start)");
    std::lock_guard lock(pool_mutex);
    const int wanted = threads == 0 ? usable_cpu_count() : threads;
    if (!pool || pool->threads() != wanted) replace_pool(wanted);
}

int thread_count() {
    if (const int threads = pool_threads.load(); threads != 0) return threads;
    std::lock_guard lock(pool_mutex);
    return current_pool().threads();
}

void run_chunks(std::size_t chunks, ChunkBody body) {
    if (chunks == 0) return;
    if (chunks == 1) {
        body(0);  // no pool involved: calls nested in it may still use the threads
        return;
    }
    if (inside_chunk) {
        run_serially(chunks, body);
        return;
    }
    std::unique_lock lock(pool_mutex);
    ThreadPool& threads = current_pool();
    if (threads.threads() == 1) {
        lock.unlock();  // nested calls from these chunks run inline and never need the lock
        run_serially(chunks, body);
        return;
    }
    threads.run(chunks, body);
}

}  // namespace qmlr
