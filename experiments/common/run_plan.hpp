#pragma once
// The runs a configuration implies, as a graph of stages (docs/conventions.md §14). A run is one
// computation of one stage (say "student-mnist-s0-M3": train one student), keyed by RunKey. It
// reads the artifacts of its input runs (a teacher's soft labels, a student's weights), writes
// its own artifacts and its rows of declared tables. Runs are listed in the order their rows are
// merged; inputs come before the runs that read them.
//
// Shards (--shard K/N) split the plan by group: each run belongs to one group (for QPLR a
// dataset and seed); a shard computes the runs of its groups and, before them, any input they
// need that is not finished yet, whichever group it belongs to (two shards may then compute the
// same shared input; both write the same bytes). Summaries over several groups are marked
// after_shards and computed by the merge.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "experiments/common/run_key.hpp"

namespace qmlr::experiments {

class RunContext;  // run_executor.hpp

using RunIndex = std::size_t;

struct PlannedRun {
    std::string stage{};  // "teacher", "student", "attacks", …
    std::string name{};   // unique in the plan; letters, digits, '-', '_', '.'
    RunKey key = RunKey::bare("");
    std::vector<RunIndex> inputs{};     // runs whose artifacts `compute` reads
    std::vector<std::string> tables{};  // the declared tables it writes rows of
    std::vector<std::string> outputs{}; // artifacts published beside the tables (e.g. a preview PNG)
    std::size_t group = 0;
    // A summary over runs of several groups (every seed, say): with several shards it is left to
    // the merging invocation (--merge-only), so no shard computes the other shards' runs for it.
    bool after_shards = false;
    // Computes the run: reads inputs, writes artifacts and rows through the context.
    std::function<void(RunContext&)> compute{};

    // Its folder in the run store: "<name>-<key hex>".
    std::string folder() const { return name + "-" + key.hex(); }
};

class RunPlan {
public:
    // Appends a run (an Error on a repeated or unsafe name, or an input that is not earlier).
    RunIndex add(PlannedRun run);
    // Starts a new group; later runs belong to it.
    void next_group() { ++group_; }
    const std::vector<PlannedRun>& runs() const { return runs_; }
    const PlannedRun& operator[](RunIndex i) const { return runs_[i]; }
    std::size_t size() const { return runs_.size(); }
    std::size_t group_count() const { return runs_.empty() ? 0 : runs_.back().group + 1; }

private:
    std::vector<PlannedRun> runs_;
    std::size_t group_ = 0;
};

}  // namespace qmlr::experiments
