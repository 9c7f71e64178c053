#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/rng.hpp"

namespace {

// A sum whose floating-point value depends on the order of additions.
double chunked_sum(const std::vector<double>& values, int threads) {
    qmlr::set_thread_count(threads);
    return qmlr::parallel_reduce(
        values.size(), 37, 0.0,
        [&](std::size_t begin, std::size_t end) {
            double s = 0;
            for (std::size_t i = begin; i < end; ++i) s += values[i];
            return s;
        },
        [](double a, double b) { return a + b; });
}

}  // namespace

TEST_CASE("parallel_for visits every index exactly once, for any thread count") {
    for (int threads : {1, 2, 3}) {
        qmlr::set_thread_count(threads);
        CHECK(qmlr::thread_count() == threads);
        std::vector<std::atomic<int>> visits(1001);
        qmlr::parallel_for(visits.size(), 10, [&](std::size_t begin, std::size_t end) {
            for (std::size_t i = begin; i < end; ++i) ++visits[i];
        });
        int wrong = 0;
        for (auto& v : visits) wrong += v.load() != 1;
        CHECK(wrong == 0);
    }
}

TEST_CASE("jobs run back to back (workers spinning) and after idle pauses (workers asleep)") {
    // A lost wake-up would hang here; a worker leaving a job early would miss visits.
    for (int threads : {2, 3}) {
        qmlr::set_thread_count(threads);
        std::vector<std::atomic<int>> visits(64);
        for (int job = 0; job < 400; ++job) {
            if (job % 100 == 99) std::this_thread::sleep_for(std::chrono::milliseconds(2));
            qmlr::parallel_for(visits.size(), 1, [&](std::size_t begin, std::size_t end) {
                for (std::size_t i = begin; i < end; ++i) ++visits[i];
            });
        }
        int wrong = 0;
        for (auto& v : visits) wrong += v.exchange(0) != 400;
        CHECK(wrong == 0);
    }
}

TEST_CASE("parallel_reduce is bit-identical across thread counts") {
    std::vector<double> values(100000);
    qmlr::Rng rng(1, "reduce-test");
    for (auto& v : values) v = rng.normal() * std::pow(10.0, rng.uniform(-8, 8));
    const double one = chunked_sum(values, 1);
    CHECK(chunked_sum(values, 2) == one);
    CHECK(chunked_sum(values, 4) == one);
    qmlr::set_thread_count(2);
}

TEST_CASE("parallel_for rethrows the exception of the lowest failing chunk") {
    for (int threads : {1, 2}) {
        qmlr::set_thread_count(threads);
        try {
            qmlr::parallel_for(100, 1, [](std::size_t begin, std::size_t) {
                if (begin == 40 || begin == 70) throw qmlr::Error("chunk " + std::to_string(begin));
            });
            FAIL("expected an exception");
        } catch (const qmlr::Error& e) {
            CHECK(std::string(e.what()) == "chunk 40");
        }
    }
    qmlr::set_thread_count(2);
}

TEST_CASE("a nested parallel_for runs serially inside its chunk, for any thread count") {
    for (int threads : {1, 2}) {
        qmlr::set_thread_count(threads);
        std::vector<int> totals(8, 0);
        std::vector<int> seen_threads(8, 0);
        qmlr::parallel_for(8, 1, [&](std::size_t outer, std::size_t) {
            seen_threads[outer] = qmlr::thread_count();  // must not wait on the pool
            qmlr::parallel_for(100, 7, [&](std::size_t begin, std::size_t end) {
                totals[outer] += static_cast<int>(end - begin);  // safe: same thread as outer
            });
        });
        for (int t : totals) CHECK(t == 100);
        for (int t : seen_threads) CHECK(t == threads);
        CHECK_THROWS_WITH_AS(qmlr::parallel_for(2, 1, [](std::size_t, std::size_t) { qmlr::set_thread_count(1); }),
                             doctest::Contains("from inside a parallel chunk"), qmlr::Error);
    }
    qmlr::set_thread_count(2);
}

TEST_CASE("thread counts outside 0..1024 are rejected") {
    CHECK_THROWS_AS(qmlr::set_thread_count(-1), qmlr::Error);
    CHECK_THROWS_AS(qmlr::set_thread_count(5000), qmlr::Error);
}
