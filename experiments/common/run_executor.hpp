#pragma once
// Computes the runs of a plan that are not finished (docs/conventions.md §14): in plan order,
// the runs of the shard's groups, each after the unfinished inputs it needs (with one shard: all
// of them). A run computes in
// runs/<folder>.partial-<pid>/ through a RunContext and becomes finished when that folder,
// complete with run.json, is renamed into place; an interrupted run leaves nothing usable.
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/run_options.hpp"
#include "experiments/common/stage_timer.hpp"
#include "experiments/common/run_store.hpp"
#include "experiments/common/table_schema.hpp"

namespace qmlr::experiments {

// What a run's computation reads and writes.
class RunContext {
public:
    RunContext(const RunPlan& plan, const RunStore& store, RunIndex run, const std::vector<TableSchema>& tables,
               std::filesystem::path work_folder);

    const PlannedRun& run() const { return plan_[run_]; }
    // The i-th input's artifact, checked (i indexes PlannedRun::inputs).
    std::vector<std::uint8_t> input(std::size_t i, std::string_view artifact) const;
    std::filesystem::path input_path(std::size_t i, std::string_view artifact) const;
    // Artifacts of this run.
    void write(std::string_view artifact, std::span<const std::uint8_t> bytes);
    // A path in the work folder to write an artifact to directly (large files).
    std::filesystem::path artifact_path(std::string_view artifact);
    // The rows of a declared table this run writes (it must be listed in PlannedRun::tables).
    TableRows& rows(std::string_view table);
    StageTimer& timer() { return timer_; }

    // Writes the table rows and run.json; called by the executor after compute returns.
    RunRecord finish();

private:
    const RunPlan& plan_;
    const RunStore& store_;
    RunIndex run_;
    std::filesystem::path work_;
    std::vector<std::string> artifacts_;
    std::map<std::string, std::unique_ptr<TableRows>, std::less<>> rows_;
    StageTimer timer_;
};

struct ExecutionOptions {
    Shard shard{};
    std::vector<std::string> recompute{};  // run names or stage names to compute again
    std::ostream* log = nullptr;           // one line per computed run ("run 3/120: <name>"), or none
    // --merge-only: compute only the summaries (PlannedRun::after_shards) whose inputs are all
    // finished, never a missing input.
    bool only_ready = false;
};

struct ExecutionSummary {
    std::size_t computed = 0, reused = 0, skipped = 0;  // skipped: left to other shards or the merge
    std::map<std::string, std::size_t> computed_by_stage;
};

// An Error naming the pattern when a --recompute value matches no run or stage of the plan.
ExecutionSummary execute_plan(const RunPlan& plan, const RunStore& store, const std::vector<TableSchema>& tables,
                              const ExecutionOptions& options);

// One line per run: group, stage, name, key, done|pending — for --list-runs.
std::string list_runs(const RunPlan& plan, const RunStore& store);

}  // namespace qmlr::experiments
