// BarChart of svg_plot.hpp: categories along x, one bar per bar series inside each category's
// slot (80% of the slot, bars side by side), y from 0 (or below, for negative values).
#include <cmath>

#include "core/error.hpp"
#include "core/plot_frame.hpp"
#include "core/svg_plot.hpp"

namespace qmlr {

namespace {

constexpr double kGroupShare = 0.8;  // of a category's slot; the rest separates the groups
constexpr double kMinimumBarPixels = 2.0;
const std::string kMarkColor = "#000000";

double value_at(const std::vector<double>& values, std::size_t i) {
    return i < values.size() ? values[i] : std::nan("");
}

}  // namespace

BarChart::BarChart(PlotLabels labels, std::vector<std::string> categories)
    : labels_(std::move(labels)), categories_(std::move(categories)) {}

void BarChart::add(BarSeries series) { bars_.push_back(std::move(series)); }

void BarChart::add(BarMarks marks) { marks_.push_back(std::move(marks)); }

void BarChart::add_reference(double y, std::string label) {
    references_.push_back({.axis = ReferenceAxis::y, .value = y, .label = std::move(label)});
}

std::string BarChart::svg() const {
    require(!categories_.empty() && !bars_.empty(), "BarChart '" + labels_.title + "': no categories or no bars");
    double low = 0, high = 0;  // bars start at zero
    const auto cover = [&](double v) {
        if (std::isfinite(v)) low = std::min(low, v), high = std::max(high, v);
    };
    for (const BarSeries& series : bars_)
        for (std::size_t i = 0; i < categories_.size(); ++i) {
            const double v = value_at(series.values, i), e = value_at(series.errors, i);
            cover(v);
            if (std::isfinite(e)) cover(v + e), cover(v - e);
        }
    for (const BarMarks& marks : marks_) {
        require(marks.bar_series < bars_.size(), "BarChart '" + labels_.title + "': marks '" + marks.label +
                                                     "' refer to bar series " + std::to_string(marks.bar_series) +
                                                     " of " + std::to_string(bars_.size()));
        for (double v : marks.values) cover(v);
    }
    for (const ReferenceLine& line : references_) cover(line.value);

    plot_frame::PlotArea area;
    area.x = {.min = 0, .max = static_cast<double>(categories_.size()), .step = 1, .decimals = 0, .ticks = {}};
    area.y = plot_frame::scale_within(low, high, y_limits_);
    SvgDocument svg = plot_frame::start_page(labels_, area);
    plot_frame::draw_y_axis(svg, area);
    const double bar_share = kGroupShare / static_cast<double>(bars_.size());
    // Centre of bar `b` in category `c`, in data units along x.
    const auto bar_centre = [&](std::size_t c, std::size_t b) {
        return static_cast<double>(c) + (1 - kGroupShare) / 2 + (static_cast<double>(b) + 0.5) * bar_share;
    };
    for (std::size_t c = 0; c < categories_.size(); ++c)
        svg.text(area.px(c + 0.5), area.bottom() + 17, categories_[c], {.size = 12, .anchor = TextAnchor::middle});

    std::vector<plot_frame::LegendEntry> legend;
    const double bar_pixels = bar_share * area.width / static_cast<double>(categories_.size());
    for (std::size_t b = 0; b < bars_.size(); ++b) {
        const BarSeries& series = bars_[b];
        const std::string& color = plot_frame::palette_color(b);
        svg.comment("series: " + series.label);
        for (std::size_t c = 0; c < categories_.size(); ++c) {
            const double x = area.px(bar_centre(c, b)), v = value_at(series.values, c);
            if (!std::isfinite(v)) {
                svg.text(x, area.py(0) - 4, "n/a", {.size = 9.5, .anchor = TextAnchor::middle, .color = "#777777"});
                continue;
            }
            // A zero bar keeps a visible sliver, so "0" differs from "n/a".
            const double top = v == 0 ? area.py(0) - kMinimumBarPixels : area.py(std::max(v, 0.0));
            const double bottom = area.py(std::min(v, 0.0));
            svg.rect(x - bar_pixels * 0.45, top, bar_pixels * 0.9, bottom - top, {.fill = color});
            const double e = value_at(series.errors, c);
            if (std::isfinite(e) && e > 0) plot_frame::draw_error_bar(svg, x, area.py(v - e), area.py(v + e), "#222222");
        }
        legend.push_back({.label = series.label, .color = color, .bar = true});
    }
    for (const ReferenceLine& line : references_) plot_frame::draw_reference(svg, area, line);
    for (const BarMarks& marks : marks_) {
        svg.comment("series: " + marks.label);
        for (std::size_t c = 0; c < categories_.size(); ++c) {
            const double v = value_at(marks.values, c);
            if (std::isfinite(v))
                plot_frame::draw_marker(svg, area.px(bar_centre(c, marks.bar_series)), area.py(v), marks.marker,
                                        kMarkColor, true);
        }
        legend.push_back({.label = marks.label, .color = kMarkColor, .marker = marks.marker, .hollow = true});
    }
    plot_frame::draw_border(svg, area);
    plot_frame::draw_legend(svg, area, legend);
    return svg.str();
}

}  // namespace qmlr
