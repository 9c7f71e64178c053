#pragma once
// The parts every chart of svg_plot.hpp shares: the page layout (plot area, legend column to the
// right), axes with grid lines and tick labels, markers, error bars, reference lines, the legend
// and the colour palette (Okabe–Ito, readable by colour-blind readers).
//   page 760 × 440 px:  title on top, y label at the left edge, x label at the bottom,
//                       legend in the 220 px column right of the plot area
#include <string>
#include <vector>

#include "core/plot_ticks.hpp"
#include "core/svg_document.hpp"
#include "core/svg_plot.hpp"

namespace qmlr::plot_frame {

inline constexpr double kPageWidth = 760, kPageHeight = 440;

// The rectangle data is drawn in, and the scales that map data into it.
struct PlotArea {
    double left = 72, top = 44, width = kPageWidth - 72 - 220, height = kPageHeight - 44 - 58;
    AxisScale x, y;
    double px(double value) const { return left + (value - x.min) / (x.max - x.min) * width; }
    double py(double value) const { return top + height - (value - y.min) / (y.max - y.min) * height; }
    double right() const { return left + width; }
    double bottom() const { return top + height; }
};

// The nice scale over [data_min, data_max] widened to cover the limits that are given.
AxisScale scale_within(double data_min, double data_max, const AxisLimits& limits);

// A white page with the title and the axis labels.
SvgDocument start_page(const PlotLabels& labels, const PlotArea& area);
// Horizontal grid lines and labels at the y ticks.
void draw_y_axis(SvgDocument& svg, const PlotArea& area);
// Vertical grid lines and labels at the x ticks.
void draw_x_axis(SvgDocument& svg, const PlotArea& area);
// The plot area's border (drawn last among the axis parts, over the grid).
void draw_border(SvgDocument& svg, const PlotArea& area);

void draw_marker(SvgDocument& svg, double x, double y, Marker marker, const std::string& color, bool hollow);
// A vertical error bar with caps between pixel rows y_low and y_high.
void draw_error_bar(SvgDocument& svg, double x, double y_low, double y_high, const std::string& color);
void draw_reference(SvgDocument& svg, const PlotArea& area, const ReferenceLine& line);

struct LegendEntry {
    std::string label, color;
    Marker marker = Marker::none;
    bool hollow = false;
    bool line = false;  // a short line segment through the marker
    bool bar = false;   // a filled square instead of a marker
};
void draw_legend(SvgDocument& svg, const PlotArea& area, const std::vector<LegendEntry>& entries);

const std::string& palette_color(std::size_t index);

}  // namespace qmlr::plot_frame
