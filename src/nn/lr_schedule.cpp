#include "nn/lr_schedule.hpp"

#include <cmath>
#include <numbers>
#include <string>

#include "core/error.hpp"

namespace qmlr::nn {

double StepSchedule::at(long long t) const {
    require(step_size > 0 && t >= 0, "StepSchedule: expected step_size > 0 and t >= 0, got " +
                                         std::to_string(step_size) + " and " + std::to_string(t));
    return base * std::pow(gamma, static_cast<double>(t / step_size));
}

double CosineSchedule::at(long long t) const {
    require(total > 0 && warmup >= 0 && warmup < total && t >= 0,
            "CosineSchedule: expected 0 <= warmup < total and t >= 0, got warmup " +
                std::to_string(warmup) + ", total " + std::to_string(total) + ", t " +
                std::to_string(t));
    if (t < warmup) return base * static_cast<double>(t + 1) / static_cast<double>(warmup);
    if (t >= total) return min;
    const double progress = static_cast<double>(t - warmup) / static_cast<double>(total - warmup);
    return min + (base - min) * 0.5 * (1.0 + std::cos(std::numbers::pi * progress));
}

}  // namespace qmlr::nn
