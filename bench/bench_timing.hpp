#pragma once
// Timing helpers shared by the benchmark programs: the median (and range) of repeated runs and
// the CSV row every program prints,
//   benchmark,threads,items,reps,median_s,min_s,max_s,items_per_s
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "core/cli.hpp"

namespace qmlr::bench {

struct Timing {
    double median, min, max;
};

// Runs run(r) for r = 0..reps−1 and returns the median, min and max wall time in seconds.
inline Timing repeat(int reps, const std::function<void(int)>& run) {
    std::vector<double> seconds;
    for (int r = 0; r < reps; ++r) {
        const auto start = std::chrono::steady_clock::now();
        run(r);
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(seconds.begin(), seconds.end());
    const std::size_t n = seconds.size();
    const double median = n % 2 == 1 ? seconds[n / 2] : (seconds[n / 2 - 1] + seconds[n / 2]) / 2;
    return {median, seconds.front(), seconds.back()};
}

inline void print_row(const std::string& name, int threads, std::size_t items, int reps, Timing t) {
    std::printf("%s,%d,%zu,%d,%.4f,%.4f,%.4f,%.1f\n", name.c_str(), threads, items, reps, t.median, t.min, t.max,
                static_cast<double>(items) / t.median);
    std::fflush(stdout);
}

// "1,2" -> {1, 2}: the --threads list of a benchmark (an Error naming a bad entry).
inline std::vector<int> parse_threads(const std::string& text) {
    std::vector<int> threads;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        threads.push_back(static_cast<int>(parse_integer(text.substr(start, comma - start), 1, 256, "--threads entry")));
        start = comma + 1;
    }
    return threads;
}

inline void print_header() { std::printf("benchmark,threads,items,reps,median_s,min_s,max_s,items_per_s\n"); }

}  // namespace qmlr::bench
