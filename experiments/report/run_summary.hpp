#pragma once
// What the report states about how a paper's results were produced, read back from the
// program's meta file <results>/<paper>/<paper>.meta.json (written by experiments/common/paper_program.cpp).
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace qmlr::report {

// The runs behind one table (those writing it and, transitively, their inputs).
struct TableProvenance {
    std::string name;
    long long runs = 0;
    std::vector<std::string> revisions;  // distinct, of the builds that computed them
    double compute_seconds = 0;          // their summed own times, whoever computed them
};

struct RunSummary {
    std::string profile, seeds;  // seeds as "0, 1, 2"
    std::string git_revision, compiler, cpu, simd;  // of the invocation that merged the tables
    long long threads = 0, hardware_threads = 0;
    double wall_seconds = 0;  // the merging invocation (short when it reused stored runs)
    bool allow_dirty = false;
    std::vector<TableProvenance> tables;
};

// nullopt when the meta file does not exist; an Error naming the file and the member when it
// exists but lacks what the report needs.
std::optional<RunSummary> read_run_summary(const std::filesystem::path& meta_file);

// "42 s", "12.5 min", "3.2 h".
std::string format_duration(double seconds);

}  // namespace qmlr::report
