#pragma once
// Where a program keeps its finished runs, so that it can be interrupted and resumed and so that
// shards of a sweep can run on different machines. A run is one configuration of a sweep (say
// "model1 a=0.5 seed 2"); its files live in <out>/runs/ as <name>-<config hash>.<extension>.
// Every file is written atomically and the run's .csv last, so a run is finished exactly when
// its CSV exists; an interrupted run leaves nothing and starts again from scratch. The merge
// step reads the runs of the current configuration list in list order, so results never depend
// on which shard or which invocation produced them. Data that several runs share and that can be
// recomputed (quantum_patches' patch masks) lives in <out>/runs/cache/, so the --data folder may
// be read-only. <out>/runs/ is a cache, not a result.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "experiments/common/config_hash.hpp"

namespace qmlr::experiments {

struct RunId {
    std::string name;   // file-name safe: letters, digits, '-', '_', '.'
    ConfigHash config;  // everything that determines the run's output
    std::string stem() const { return name + "-" + config.hex(); }
};

class RunStore {
public:
    explicit RunStore(const std::filesystem::path& out_directory);

    std::filesystem::path file(const RunId& run, std::string_view extension) const;
    bool finished(const RunId& run) const { return std::filesystem::exists(file(run, "csv")); }
    const std::filesystem::path& directory() const { return directory_; }
    std::filesystem::path cache_directory() const { return directory_ / "cache"; }

private:
    std::filesystem::path directory_;
};

// Joins the runs' CSVs (all finished, all with the same header) into one table at `output`.
// A missing run is an Error that names it and says how to finish it.
void merge_run_tables(const RunStore& store, const std::vector<RunId>& runs,
                      const std::filesystem::path& output);

}  // namespace qmlr::experiments
