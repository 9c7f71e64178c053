#pragma once
// The .meta.json files beside the results: what produced them (git revision, compiler, CPU,
// threads), with which settings, and how long each stage took. Results CSVs are byte-identical
// for any thread count; everything that is not (wall times, the machine) lives here instead.
//   <out>/runs/<run>.meta.json   one run: its config, stage times, where it ran
//   <out>/<program>.meta.json    the invocation: environment, options, settings, and every
//                                run's meta embedded in run order (reused runs keep the times
//                                of the invocation that computed them)
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "core/run_options.hpp"
#include "experiments/common/json_object.hpp"
#include "experiments/common/run_store.hpp"

namespace qmlr::experiments {

// Wall-clock seconds of consecutive named stages.
class StageTimer {
public:
    StageTimer();
    // Ends the running stage (if any) and starts `stage`.
    void start(std::string stage);
    double total_seconds() const;
    // {"stage": seconds, ...} in start order; the running stage counts up to now.
    std::string json() const;

private:
    using Clock = std::chrono::steady_clock;
    Clock::time_point origin_;
    std::vector<std::pair<std::string, Clock::time_point>> starts_;
};

// git revision, compiler, CPU model, hardware threads, threads used, SIMD level.
std::string environment_json();

// Writes runs/<stem>.meta.json; call it before committing the run's CSV (the CSV marks the end).
void write_run_meta(const RunStore& store, const RunId& run, const StageTimer& stages);

class ProgramMeta {
public:
    ProgramMeta(std::string program, const RunOptions& options);

    // Program-specific settings (profile sizes, grids, ...).
    JsonObject& settings() { return settings_; }
    void add_run(const RunStore& store, const RunId& run);
    // Written atomically; wall_seconds is the time since construction.
    void write(const std::filesystem::path& path) const;

private:
    std::string program_;
    RunOptions options_;
    JsonObject settings_;
    std::vector<std::string> runs_;
    std::chrono::steady_clock::time_point started_;
};

}  // namespace qmlr::experiments
