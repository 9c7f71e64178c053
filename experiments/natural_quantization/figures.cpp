#include "experiments/natural_quantization/figures.hpp"

#include <cmath>
#include <cstdio>
#include <numbers>
#include <optional>

#include "core/svg_plot.hpp"
#include "experiments/common/paper.hpp"
#include "experiments/natural_quantization/analysis.hpp"
#include "experiments/natural_quantization/tables.hpp"

namespace qmlr::natural_quantization {

namespace {

using experiments::ResultTable;

constexpr double kChancePercent = 90.0;

std::string percent(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f%%", value);
    return buffer;
}

std::optional<double> derived_value(const ResultTable& derived, const char* metric) {
    const std::vector<double> values = derived.values({{"metric", experiments::text_field(metric)}});
    if (values.empty()) return std::nullopt;
    return values.front();
}

// The vote and single-pass error curves (in %) and the classical baseline.
void add_error_curves(LinePlot& plot, const std::vector<CurvePoint>& curve, double baseline) {
    LineSeries vote{.label = "15-shot vote error"}, single{.label = "single-pass error", .marker = Marker::square};
    for (const CurvePoint& p : curve) {
        vote.points.push_back({p.x, p.vote_error.mean, p.vote_error.std});
        single.points.push_back({p.x, p.single_pass_error.mean, p.single_pass_error.std});
    }
    plot.add(std::move(vote));
    plot.add(std::move(single));
    plot.add_reference({.axis = ReferenceAxis::y, .value = baseline, .label = "classical baseline e_b = " + percent(baseline)});
    plot.set_y_limits({.min = 0.0, .max = std::nullopt});
}

}  // namespace

std::vector<experiments::Figure> figures(const experiments::FigureInputs& inputs) {
    const ResultTable* model1 = inputs.results.table(kModel1Table);
    const ResultTable* model2 = inputs.results.table(kModel2Table);
    const ResultTable* derived = inputs.results.table(kDerivedTable);
    if (model1 == nullptr || model2 == nullptr || derived == nullptr) return {};
    const std::optional<double> baseline = derived_value(*derived, "baseline_error_mean");
    if (!baseline) return {};
    const int epoch = final_epoch(*model1);
    const std::string epochs = "final epoch " + std::to_string(epoch);

    LinePlot by_a({.title = "Natural quantization, Model 1: error vs a (" + inputs.profile + " profile)",
                   .x_label = "quantumness a (g = π/2)", .y_label = "validation error (%), " + epochs});
    add_error_curves(by_a, table_curve(*model1, "a", epoch), *baseline);

    const std::vector<std::string> scan_a = model2->distinct("a");
    LinePlot by_g({.title = "Natural quantization, Model 2: error vs g (" + inputs.profile + " profile)",
                   .x_label = "measurement strength g (rad), a = " + (scan_a.empty() ? "0" : scan_a.front()), .y_label = "validation error (%), " + epochs});
    add_error_curves(by_g, table_curve(*model2, "g", epoch), *baseline);
    // Only the g sweep reaches chance; on the a sweep the line would squash the U-shape.
    by_g.add_reference({.axis = ReferenceAxis::y, .value = kChancePercent, .label = "chance (90%)"});
    by_g.add_reference({.axis = ReferenceAxis::x, .value = std::numbers::pi / 2, .label = "π/2 (projective)"});
    if (const std::optional<double> g_c = derived_value(*derived, "g_c"); g_c && std::isfinite(*g_c)) {
        char label[48];
        std::snprintf(label, sizeof label, "g_c = %.3f", *g_c);
        by_g.add_reference({.axis = ReferenceAxis::x, .value = *g_c, .label = label});
    }

    const std::string not_recovered = " The paper's numbers were not recovered, so none are overlaid.";
    return {
        {"natural_quantization_error_vs_a.svg",
         "Natural quantization, Model 1: final-epoch validation error vs a, mean ± std over seeds; dashed: the "
         "classical baseline e_b (a = 0)." + not_recovered,
         by_a.svg()},
        {"natural_quantization_error_vs_g.svg",
         "Natural quantization, Model 2 (a = 0): final-epoch validation error vs g; dashed: e_b, chance, g = π/2 "
         "(the classical, projective case) and our g_c (midpoint of the rise to chance)." + not_recovered,
         by_g.svg()},
    };
}

std::string analysis(const experiments::FigureInputs&) { return ""; }

}  // namespace qmlr::natural_quantization
