#pragma once
// Axis scales for plots: "nice" ticks at 1, 2 or 5 × 10^k steps that cover the data, and tick
// labels with just enough decimals for that step. Pure arithmetic, so a plot of the same data
// always gets the same ticks and the same text.
//   nice_scale(0.03, 0.87) -> ticks 0, 0.2, 0.4, 0.6, 0.8, 1 (step 0.2, 1 decimal)
//   nice_scale(23, 99)     -> ticks 20, 40, 60, 80, 100 (step 20, 0 decimals)
#include <string>
#include <vector>

namespace qmlr {

struct AxisScale {
    double min = 0, max = 1;    // the axis range: the first and last tick
    double step = 0.2;          // distance between ticks
    int decimals = 1;           // digits after the point in tick labels
    std::vector<double> ticks;  // min, min + step, ..., max
};

// A scale whose ticks enclose [data_min, data_max] with about `target_ticks` intervals. A
// zero-width range is widened around its value. An Error for non-finite input or min > max.
AxisScale nice_scale(double data_min, double data_max, int target_ticks = 5);

// `value` with `decimals` digits after the point ("0.25", "90"); never "-0".
std::string tick_label(double value, int decimals);

}  // namespace qmlr
