#pragma once
// Small SVG charts for the report: a line/scatter plot over a numeric x axis and a grouped bar
// chart over categories, both with nice ticks, axis labels, a title, a legend to the right,
// optional error bars and labelled reference lines. The same input gives byte-identical SVG.
//   LinePlot plot({.title = "MNIST", .x_label = "σ", .y_label = "accuracy (%)"});
//   plot.add({.label = "M1", .points = {{0.1, 97.2, 0.3}, {0.2, 90.1, 1.2}}});
//   plot.add({.label = "M1 (paper)", .points = ..., .connect = false, .marker = Marker::diamond,
//             .hollow = true, .color = 0});
//   plot.add_reference({.axis = ReferenceAxis::y, .value = 90, .label = "baseline"});
//   std::string svg = plot.svg();
// Each series is preceded by an SVG comment "series: <label>", so tests and readers can find it.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace qmlr {

enum class Marker { none, circle, square, diamond, triangle };

struct PlotLabels {
    std::string title{}, x_label{}, y_label{};
};

struct PlotPoint {
    double x = 0, y = 0;
    double error = 0;  // half-height of the error bar; 0 draws none
};

struct LineSeries {
    std::string label{};
    std::vector<PlotPoint> points{};  // drawn in this order
    bool connect = true;            // a line through the points
    Marker marker = Marker::circle;
    bool hollow = false;            // an outlined marker (e.g. the paper's values)
    std::optional<std::size_t> color = std::nullopt;  // palette index; default: the series' own index
};

enum class ReferenceAxis { x, y };  // x: a vertical line at x = value; y: a horizontal one

struct ReferenceLine {
    ReferenceAxis axis = ReferenceAxis::y;
    double value = 0;
    std::string label{};
};

// An axis covers the data (error bars and reference lines included) and, when given, these
// values too (e.g. min 0 so bars start at zero). It never cuts data off.
struct AxisLimits {
    std::optional<double> min = std::nullopt, max = std::nullopt;
};

class LinePlot {
public:
    explicit LinePlot(PlotLabels labels);
    void add(LineSeries series);
    void add_reference(ReferenceLine line);
    void set_x_limits(AxisLimits limits) { x_limits_ = limits; }
    void set_y_limits(AxisLimits limits) { y_limits_ = limits; }
    // An Error when there is nothing to draw or a value is not finite.
    std::string svg() const;

private:
    PlotLabels labels_;
    std::vector<LineSeries> series_;
    std::vector<ReferenceLine> references_;
    AxisLimits x_limits_, y_limits_;
};

// One bar per category; NaN (or a missing value) draws no bar and writes "n/a" at the axis.
struct BarSeries {
    std::string label{};
    std::vector<double> values{};  // one per category
    std::vector<double> errors{};  // half-heights of the error bars; empty: none
};

// Markers placed on the bars of one bar series (e.g. the paper's value for that bar); NaN: none.
struct BarMarks {
    std::string label{};
    std::size_t bar_series = 0;
    std::vector<double> values{};  // one per category
    Marker marker = Marker::diamond;
};

class BarChart {
public:
    BarChart(PlotLabels labels, std::vector<std::string> categories);
    void add(BarSeries series);
    void add(BarMarks marks);
    void add_reference(double y, std::string label);  // a horizontal line
    void set_y_limits(AxisLimits limits) { y_limits_ = limits; }
    std::string svg() const;

private:
    PlotLabels labels_;
    std::vector<std::string> categories_;
    std::vector<BarSeries> bars_;
    std::vector<BarMarks> marks_;
    std::vector<ReferenceLine> references_;
    AxisLimits y_limits_;
};

}  // namespace qmlr
