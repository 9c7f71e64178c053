#include "experiments/common/run_plan.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace qmlr::experiments {

namespace {

bool file_name_safe(std::string_view name) {
    if (name.empty()) return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == '.';
    });
}

}  // namespace

RunIndex RunPlan::add(PlannedRun run) {
    require(file_name_safe(run.name), "a run name must be non-empty and use only letters, digits, '-', '_' and "
                                      "'.'; got '" + run.name + "'");
    require(file_name_safe(run.stage), "run " + run.name + ": the stage name '" + run.stage + "' is not file-name safe");
    for (const PlannedRun& other : runs_)
        require(other.name != run.name, "the plan has two runs named '" + run.name + "'");
    for (RunIndex input : run.inputs)
        require(input < runs_.size(), "run " + run.name + " reads a run that is not planned before it");
    require(static_cast<bool>(run.compute), "run " + run.name + " has nothing to compute");
    run.group = group_;
    runs_.push_back(std::move(run));
    return runs_.size() - 1;
}

}  // namespace qmlr::experiments
