#include "experiments/common/stage_timer.hpp"

#include "experiments/common/json_object.hpp"

namespace qmlr::experiments {

StageTimer::StageTimer() : origin_(Clock::now()) {}

void StageTimer::start(std::string stage) { starts_.emplace_back(std::move(stage), Clock::now()); }

double StageTimer::total_seconds() const {
    return std::chrono::duration<double>(Clock::now() - origin_).count();
}

std::vector<std::pair<std::string, double>> StageTimer::seconds_by_stage() const {
    std::vector<std::pair<std::string, double>> seconds;
    for (std::size_t i = 0; i < starts_.size(); ++i) {
        const auto end = i + 1 < starts_.size() ? starts_[i + 1].second : Clock::now();
        seconds.emplace_back(starts_[i].first, std::chrono::duration<double>(end - starts_[i].second).count());
    }
    return seconds;
}

std::string stage_seconds_json(const std::vector<std::pair<std::string, double>>& seconds) {
    JsonObject stages;
    for (const auto& [stage, value] : seconds) stages.add_number(stage, value);
    return stages.str();
}

}  // namespace qmlr::experiments
