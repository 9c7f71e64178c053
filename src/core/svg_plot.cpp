#include "core/svg_plot.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/plot_frame.hpp"

namespace qmlr {

namespace {

// The smallest and largest value seen, for axis ranges.
struct Extent {
    double min = std::numeric_limits<double>::infinity(), max = -std::numeric_limits<double>::infinity();
    void cover(double value) {
        min = std::min(min, value);
        max = std::max(max, value);
    }
    bool empty() const { return min > max; }
};

}  // namespace

LinePlot::LinePlot(PlotLabels labels) : labels_(std::move(labels)) {}

void LinePlot::add(LineSeries series) { series_.push_back(std::move(series)); }

void LinePlot::add_reference(ReferenceLine line) { references_.push_back(std::move(line)); }

std::string LinePlot::svg() const {
    Extent x, y;
    for (const LineSeries& series : series_)
        for (const PlotPoint& p : series.points) {
            require(std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.error),
                    "LinePlot '" + labels_.title + "': series '" + series.label + "' has a non-finite point");
            x.cover(p.x);
            y.cover(p.y - p.error);
            y.cover(p.y + p.error);
        }
    require(!x.empty(), "LinePlot '" + labels_.title + "': no points to draw");
    for (const ReferenceLine& line : references_) (line.axis == ReferenceAxis::x ? x : y).cover(line.value);

    plot_frame::PlotArea area;
    area.x = plot_frame::scale_within(x.min, x.max, x_limits_);
    area.y = plot_frame::scale_within(y.min, y.max, y_limits_);
    SvgDocument svg = plot_frame::start_page(labels_, area);
    plot_frame::draw_y_axis(svg, area);
    plot_frame::draw_x_axis(svg, area);
    for (const ReferenceLine& line : references_) plot_frame::draw_reference(svg, area, line);

    std::vector<plot_frame::LegendEntry> legend;
    for (std::size_t s = 0; s < series_.size(); ++s) {
        const LineSeries& series = series_[s];
        const std::string& color = plot_frame::palette_color(series.color.value_or(s));
        svg.comment("series: " + series.label);
        if (series.connect && series.points.size() > 1) {
            std::vector<std::pair<double, double>> path;
            for (const PlotPoint& p : series.points) path.emplace_back(area.px(p.x), area.py(p.y));
            svg.path(path, false, {.stroke = color, .stroke_width = 1.8});
        }
        for (const PlotPoint& p : series.points)
            if (p.error > 0) plot_frame::draw_error_bar(svg, area.px(p.x), area.py(p.y - p.error), area.py(p.y + p.error), color);
        for (const PlotPoint& p : series.points)
            plot_frame::draw_marker(svg, area.px(p.x), area.py(p.y), series.marker, color, series.hollow);
        legend.push_back({.label = series.label, .color = color, .marker = series.marker, .hollow = series.hollow,
                          .line = series.connect});
    }
    plot_frame::draw_border(svg, area);
    plot_frame::draw_legend(svg, area, legend);
    return svg.str();
}

}  // namespace qmlr
