#include "core/plot_ticks.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/error.hpp"

namespace qmlr {

namespace {

// Of the steps 1, 2, 5 and 10 × 10^k around `(max − min) / target`, the one whose ticks split
// [min, max] into the number of intervals closest to `target` (ties: the larger step).
double nice_step(double min, double max, int target) {
    const double magnitude = std::pow(10.0, std::floor(std::log10((max - min) / target)));
    double best = 0;
    double best_distance = 0;
    for (double mantissa : {1.0, 2.0, 5.0, 10.0}) {
        const double step = mantissa * magnitude;
        const double intervals = std::ceil(max / step - 1e-9) - std::floor(min / step + 1e-9);
        const double distance = std::fabs(intervals - target);
        if (best == 0 || distance <= best_distance) {
            best = step;
            best_distance = distance;
        }
    }
    return best;
}

}  // namespace

AxisScale nice_scale(double data_min, double data_max, int target_ticks) {
    require(std::isfinite(data_min) && std::isfinite(data_max) && data_min <= data_max,
            "nice_scale: expected a finite range min <= max, found [" + std::to_string(data_min) + ", " +
                std::to_string(data_max) + "]");
    require(target_ticks >= 1, "nice_scale: expected at least one tick interval");
    if (data_max - data_min <= 1e-12 * std::max(1.0, std::fabs(data_min))) {
        const double half_width = data_min == 0 ? 1.0 : 0.1 * std::fabs(data_min);
        data_min -= half_width;
        data_max += half_width;
    }
    AxisScale scale;
    scale.step = nice_step(data_min, data_max, target_ticks);
    // Tick indices as integers, so tick values carry no accumulated rounding.
    const double first = std::floor(data_min / scale.step + 1e-9);
    const double last = std::ceil(data_max / scale.step - 1e-9);
    scale.decimals = std::max(0, static_cast<int>(-std::floor(std::log10(scale.step) + 1e-9)));
    for (double i = first; i <= last; i += 1) scale.ticks.push_back(i * scale.step);
    scale.min = scale.ticks.front();
    scale.max = scale.ticks.back();
    return scale;
}

std::string tick_label(double value, int decimals) {
    const double rounded = std::round(value * std::pow(10.0, decimals)) / std::pow(10.0, decimals);
    char buffer[64];
    const auto result =
        std::to_chars(buffer, buffer + sizeof buffer, rounded == 0 ? 0.0 : rounded, std::chars_format::fixed, decimals);
    return std::string(buffer, result.ptr);
}

}  // namespace qmlr
