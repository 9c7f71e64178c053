#pragma once
// Wall-clock seconds of a run's consecutive named stages ("train", "attacks"), recorded in its
// run.json. Results CSVs are byte-identical for any thread count; times and the machine live in
// the run.json and meta files instead.
#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace qmlr::experiments {

class StageTimer {
public:
    StageTimer();
    // Ends the running stage (if any) and starts `stage`.
    void start(std::string stage);
    double total_seconds() const;
    // (stage, seconds) in start order; the running stage counts up to now.
    std::vector<std::pair<std::string, double>> seconds_by_stage() const;

private:
    using Clock = std::chrono::steady_clock;
    Clock::time_point origin_;
    std::vector<std::pair<std::string, Clock::time_point>> starts_;
};

// {"stage": seconds, ...} in the given order.
std::string stage_seconds_json(const std::vector<std::pair<std::string, double>>& seconds);

}  // namespace qmlr::experiments
