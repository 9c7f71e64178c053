#include "experiments/report/natural_quantization_figures.hpp"

#include <cmath>
#include <cstdio>
#include <numbers>

#include "core/svg_plot.hpp"
#include "experiments/natural_quantization/analysis.hpp"

namespace qmlr::report {

namespace {

using natural_quantization::CurvePoint;
using natural_quantization::SweepAnalysis;

constexpr double kChancePercent = 90.0;

std::string percent(double fraction) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f%%", 100.0 * fraction);
    return buffer;
}

// The vote and single-pass error curves (in %) and the classical baseline.
void add_error_curves(LinePlot& plot, const std::vector<CurvePoint>& curve, const SweepAnalysis& analysis) {
    LineSeries vote{.label = "15-shot vote error"}, single{.label = "single-pass error", .marker = Marker::square};
    for (const CurvePoint& p : curve) {
        vote.points.push_back({p.x, 100.0 * p.vote_error.mean, 100.0 * p.vote_error.std});
        single.points.push_back({p.x, 100.0 * p.single_pass_error.mean, 100.0 * p.single_pass_error.std});
    }
    plot.add(std::move(vote));
    plot.add(std::move(single));
    plot.add_reference({.axis = ReferenceAxis::y, .value = 100.0 * analysis.baseline.mean,
                        .label = "classical baseline e_b = " + percent(analysis.baseline.mean)});
    plot.set_y_limits({.min = 0.0, .max = std::nullopt});
}

}  // namespace

std::vector<Figure> natural_quantization_figures(const FigureInputs& inputs) {
    for (const char* table : {"model1_a_sweep.csv", "model2_g_sweep.csv", "classical.csv"})
        if (!std::filesystem::exists(inputs.results_dir / table)) return {};
    const SweepAnalysis analysis = natural_quantization::analyse_sweeps(inputs.results_dir);
    const std::string epochs = "final epoch " + std::to_string(analysis.final_epoch);

    LinePlot by_a({.title = "Natural quantization, Model 1: error vs a (" + inputs.profile + " profile)",
                   .x_label = "quantumness a (g = π/2)", .y_label = "validation error (%), " + epochs});
    add_error_curves(by_a, analysis.a_curve, analysis);

    LinePlot by_g({.title = "Natural quantization, Model 2: error vs g (" + inputs.profile + " profile)",
                   .x_label = "measurement strength g (rad), a = 0", .y_label = "validation error (%), " + epochs});
    add_error_curves(by_g, analysis.g_curve, analysis);
    // Only the g sweep reaches chance; on the a sweep the line would squash the U-shape.
    by_g.add_reference({.axis = ReferenceAxis::y, .value = kChancePercent, .label = "chance (90%)"});
    by_g.add_reference({.axis = ReferenceAxis::x, .value = std::numbers::pi / 2, .label = "π/2 (projective)"});
    char g_c[48];
    std::snprintf(g_c, sizeof g_c, "g_c = %.3f", analysis.transition.g_c);
    if (std::isfinite(analysis.transition.g_c))
        by_g.add_reference({.axis = ReferenceAxis::x, .value = analysis.transition.g_c, .label = g_c});

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

}  // namespace qmlr::report
