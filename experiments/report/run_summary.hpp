#pragma once
// What the report states about how a paper's results were produced, read back from the
// program's meta file <results>/<paper>/<paper>.meta.json (experiments/common/run_metadata.hpp).
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace qmlr::report {

struct RunSummary {
    std::string profile, seeds;  // seeds as written, e.g. "0, 1, 2"
    std::string git_revision, compiler, cpu, simd;
    long long threads = 0, hardware_threads = 0;
    double wall_seconds = 0;      // the last invocation (short when it reused stored runs)
    double computed_seconds = 0;  // the sum of every finished run's own time, whoever computed it
    std::size_t runs = 0, unfinished_runs = 0;
};

// nullopt when the meta file does not exist; an Error naming the file and the member when it
// exists but lacks what the report needs.
std::optional<RunSummary> read_run_summary(const std::filesystem::path& meta_file);

// "42 s", "12.5 min", "3.2 h".
std::string format_duration(double seconds);

}  // namespace qmlr::report
