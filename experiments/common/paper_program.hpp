#pragma once
// The one driver of every paper's program:
//   <paper> [--profile P] [--seeds LIST] [--set name=value]... [--config FILE] [--data DIR]
//           [--out DIR] [--threads T] [--shard K/N] [--recompute RUN]... [--merge-only]
//           [--allow-dirty] [--print-config] [--list-runs]
// It resolves the settings, plans the runs, and either prints the configuration or the run
// list, or computes the runs of its shard that are not finished and, without --shard, merges
// every declared table into the output folder as one change (results_publisher.hpp).
#include "experiments/common/paper.hpp"

namespace qmlr::experiments {

int run_paper_program(const Paper& paper, int argc, const char* const* argv);

}  // namespace qmlr::experiments
