#include "core/plot_frame.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace qmlr::plot_frame {

namespace {

const std::string kGrid = "#dddddd", kAxis = "#444444", kReference = "#555555";
constexpr double kMarkerRadius = 4.0;

}  // namespace

AxisScale scale_within(double data_min, double data_max, const AxisLimits& limits) {
    return nice_scale(std::min(data_min, limits.min.value_or(data_min)),
                      std::max(data_max, limits.max.value_or(data_max)));
}

SvgDocument start_page(const PlotLabels& labels, const PlotArea& area) {
    SvgDocument svg(kPageWidth, kPageHeight);
    svg.rect(0, 0, kPageWidth, kPageHeight, {.fill = "#ffffff"});
    // The title starts at the left edge so that a long one is never cut off on the left.
    svg.text(16, 26, labels.title, {.size = 15, .anchor = TextAnchor::start, .bold = true});
    svg.text(area.left + area.width / 2, kPageHeight - 14, labels.x_label, {.size = 13, .anchor = TextAnchor::middle});
    svg.text(20, area.top + area.height / 2, labels.y_label,
             {.size = 13, .anchor = TextAnchor::middle, .rotate_degrees = -90});
    return svg;
}

void draw_y_axis(SvgDocument& svg, const PlotArea& area) {
    for (double tick : area.y.ticks) {
        const double y = area.py(tick);
        svg.line(area.left, y, area.right(), y, {.stroke = kGrid});
        svg.text(area.left - 6, y + 4, tick_label(tick, area.y.decimals), {.size = 11, .anchor = TextAnchor::end});
    }
}

void draw_x_axis(SvgDocument& svg, const PlotArea& area) {
    for (double tick : area.x.ticks) {
        const double x = area.px(tick);
        svg.line(x, area.top, x, area.bottom(), {.stroke = kGrid});
        svg.text(x, area.bottom() + 16, tick_label(tick, area.x.decimals), {.size = 11, .anchor = TextAnchor::middle});
    }
}

void draw_border(SvgDocument& svg, const PlotArea& area) {
    svg.rect(area.left, area.top, area.width, area.height, {.stroke = kAxis});
}

void draw_marker(SvgDocument& svg, double x, double y, Marker marker, const std::string& color, bool hollow) {
    const Paint paint{.fill = hollow ? "#ffffff" : color, .stroke = color, .stroke_width = hollow ? 1.8 : 1.0};
    const double r = kMarkerRadius;
    switch (marker) {
        case Marker::none: return;
        case Marker::circle: svg.circle(x, y, r, paint); return;
        case Marker::square: svg.rect(x - r, y - r, 2 * r, 2 * r, paint); return;
        case Marker::diamond: svg.path({{x, y - 1.4 * r}, {x + 1.4 * r, y}, {x, y + 1.4 * r}, {x - 1.4 * r, y}}, true, paint); return;
        case Marker::triangle: svg.path({{x, y - 1.3 * r}, {x + 1.2 * r, y + 0.9 * r}, {x - 1.2 * r, y + 0.9 * r}}, true, paint); return;
    }
}

void draw_error_bar(SvgDocument& svg, double x, double y_low, double y_high, const std::string& color) {
    const Paint paint{.stroke = color, .stroke_width = 1.2};
    svg.line(x, y_low, x, y_high, paint);
    svg.line(x - 3, y_low, x + 3, y_low, paint);
    svg.line(x - 3, y_high, x + 3, y_high, paint);
}

void draw_reference(SvgDocument& svg, const PlotArea& area, const ReferenceLine& line) {
    const Paint paint{.stroke = kReference, .stroke_width = 1.2, .dashed = true};
    const TextStyle style{.size = 10.5, .color = kReference, .halo = true};
    svg.comment("reference: " + line.label);
    if (line.axis == ReferenceAxis::x) {
        const double x = area.px(line.value);
        svg.line(x, area.top, x, area.bottom(), paint);
        svg.text(x + 4, area.top + 13, line.label, style);
    } else {
        const double y = area.py(line.value);
        svg.line(area.left, y, area.right(), y, paint);
        TextStyle right_aligned = style;
        right_aligned.anchor = TextAnchor::end;
        svg.text(area.right() - 4, y - 4, line.label, right_aligned);
    }
}

void draw_legend(SvgDocument& svg, const PlotArea& area, const std::vector<LegendEntry>& entries) {
    const double x = area.right() + 16;
    double y = area.top + 8;
    for (const LegendEntry& entry : entries) {
        if (entry.bar) svg.rect(x, y - 5, 18, 10, {.fill = entry.color});
        if (entry.line) svg.line(x, y, x + 18, y, {.stroke = entry.color, .stroke_width = 1.6});
        draw_marker(svg, x + 9, y, entry.marker, entry.color, entry.hollow);
        svg.text(x + 26, y + 4, entry.label, {.size = 11});
        y += 19;
    }
}

const std::string& palette_color(std::size_t index) {
    // Okabe–Ito without its yellow (too pale on white), then black and grey.
    static const std::array<std::string, 8> palette = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                                       "#E69F00", "#56B4E9", "#000000", "#999999"};
    return palette[index % palette.size()];
}

}  // namespace qmlr::plot_frame
