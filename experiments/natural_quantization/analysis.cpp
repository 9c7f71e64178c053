#include "experiments/natural_quantization/analysis.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/error.hpp"

namespace qmlr::natural_quantization {

namespace {

using experiments::ResultTable;
using experiments::SeedSummary;
using experiments::summarize;

constexpr double kChanceError = 0.9;  // ten classes

void sort_by_x(std::vector<CurvePoint>& points) {
    std::sort(points.begin(), points.end(), [](const CurvePoint& p, const CurvePoint& q) { return p.x < q.x; });
}

double difference_se(const SeedSummary& a, const SeedSummary& b) {
    return std::sqrt(a.std * a.std / static_cast<double>(a.n) + b.std * b.std / static_cast<double>(b.n));
}

template <class Predicate>
Gain best_gain(const std::vector<CurvePoint>& points, const CurvePoint& baseline, Predicate quantum) {
    Gain gain;
    for (const CurvePoint& p : points)
        if (quantum(p) && (gain.best == nullptr || p.vote_error.mean < gain.best->vote_error.mean)) gain.best = &p;
    if (gain.best == nullptr) return gain;
    gain.gain = baseline.vote_error.mean - gain.best->vote_error.mean;
    gain.standard_error = difference_se(baseline.vote_error, gain.best->vote_error);
    gain.single_pass_gain = baseline.single_pass_error.mean - gain.best->single_pass_error.mean;
    return gain;
}

Transition find_transition(const std::vector<CurvePoint>& g_curve, double baseline) {
    const auto largest_k_at_or_above = [&](double fraction) -> std::optional<int> {
        const double level = baseline + fraction * (kChanceError - baseline);
        std::optional<int> k;
        for (const CurvePoint& p : g_curve)
            if (p.vote_error.mean >= level) k = std::max(k.value_or(p.g_step), p.g_step);
        return k;
    };
    return {largest_k_at_or_above(0.25), largest_k_at_or_above(0.5), largest_k_at_or_above(0.75)};
}

}  // namespace

SweepCurves curves_of(const std::vector<FinalRecord>& runs) {
    SweepCurves curves;
    struct Values {
        Sweep sweep;
        double x;
        int g_step;
        std::vector<double> vote, single_pass;
    };
    std::vector<Values> points;  // first-appearance order
    for (const FinalRecord& run : runs) {
        if (curves.final_epoch == 0) curves.final_epoch = run.epoch;
        require(run.epoch == curves.final_epoch, "the sweep's runs end at different epochs (" +
                                                     std::to_string(curves.final_epoch) + " and " +
                                                     std::to_string(run.epoch) + ")");
        auto at = std::find_if(points.begin(), points.end(), [&](const Values& v) {
            return v.sweep == run.sweep && (run.sweep == Sweep::classical || v.x == run.x);
        });
        if (at == points.end()) at = points.insert(points.end(), Values{run.sweep, run.x, run.g_step, {}, {}});
        at->vote.push_back(run.vote_error);
        at->single_pass.push_back(run.single_pass_error);
    }
    for (const Values& v : points) {
        const CurvePoint point{v.x, v.g_step, summarize(v.vote), summarize(v.single_pass)};
        switch (v.sweep) {
            case Sweep::model1: curves.a_curve.push_back(point); break;
            case Sweep::model2: curves.g_curve.push_back(point); break;
            case Sweep::classical: curves.classical = point.vote_error; break;
        }
    }
    sort_by_x(curves.a_curve);
    sort_by_x(curves.g_curve);
    return curves;
}

SweepAnalysis analyse_sweeps(const SweepCurves& curves, int projective_step) {
    require(!curves.a_curve.empty() && curves.a_curve.front().x == 0,
            "the a sweep needs the classical point a = 0 (setting a_grid) for the baseline e_b");
    const CurvePoint& baseline = curves.a_curve.front();
    SweepAnalysis analysis;
    analysis.baseline = baseline.vote_error;
    analysis.a_gain = best_gain(curves.a_curve, baseline, [](const CurvePoint& p) { return p.x > 0; });
    analysis.g_gain = best_gain(curves.g_curve, baseline,
                                [&](const CurvePoint& p) { return p.g_step < projective_step; });
    analysis.transition = find_transition(curves.g_curve, baseline.vote_error.mean);
    return analysis;
}

void add_derived_rows(experiments::TableRows& rows, const SweepCurves& curves, const SweepAnalysis& s,
                      int projective_step) {
    const auto row = [&](const std::string& quantity, double value) { rows.add({}, quantity, value); };
    const auto percent_row = [&](const std::string& quantity, double fraction) { row(quantity, 100.0 * fraction); };
    row("final_epoch", curves.final_epoch);
    row("seeds", static_cast<double>(s.baseline.n));
    percent_row("classical_sign_error_mean", curves.classical.mean);
    percent_row("classical_sign_error_std", curves.classical.std);
    percent_row("baseline_error_mean", s.baseline.mean);
    percent_row("baseline_error_std", s.baseline.std);
    for (const auto& [name, gain] : {std::pair{std::string("a"), s.a_gain}, std::pair{std::string("g"), s.g_gain}}) {
        if (gain.best == nullptr) continue;
        row("best_" + name, gain.best->x);
        percent_row("best_" + name + "_error_mean", gain.best->vote_error.mean);
        percent_row("best_" + name + "_error_std", gain.best->vote_error.std);
        percent_row("gain_" + name, gain.gain);
        percent_row("gain_" + name + "_standard_error", gain.standard_error);
        percent_row("gain_" + name + "_single_pass", gain.single_pass_gain);
    }
    const Transition& t = s.transition;
    if (t.k25) row("transition_k25", *t.k25);
    if (t.k50) row("transition_k50", *t.k50);
    if (t.k75) row("transition_k75", *t.k75);
    if (t.k25 && t.k75) row("transition_width_steps", *t.k25 - *t.k75);
    if (t.k50) row("g_c", (*t.k50 + 0.5) * std::numbers::pi / (2.0 * projective_step));
}

int final_epoch(const ResultTable& table) {
    std::int64_t last = 0;
    for (std::size_t r : table.rows({{"metric", experiments::text_field("validation_vote_error")}}))
        last = std::max(last, table.integer(r, "epoch"));
    require(last > 0, table.source() + ": no validation_vote_error rows: the sweep holds no validation");
    return static_cast<int>(last);
}

std::vector<CurvePoint> table_curve(const ResultTable& table, const std::string& x_column, int epoch) {
    const std::vector<std::string> xs =
        x_column.empty() ? std::vector<std::string>{""} : table.distinct(x_column);
    std::vector<CurvePoint> points;
    for (const std::string& x : xs) {
        ResultTable::Filter at{{"epoch", std::int64_t{epoch}}};
        if (!x_column.empty()) at.emplace_back(x_column, std::stod(x));
        const auto with_metric = [&](const char* metric) {
            ResultTable::Filter filter = at;
            filter.emplace_back("metric", experiments::text_field(metric));
            return filter;
        };
        const std::vector<std::size_t> rows = table.rows(with_metric("validation_vote_error"));
        require(!rows.empty(), table.source() + ": " + table.explain_no_match(with_metric("validation_vote_error")));
        CurvePoint point;
        point.x = x_column.empty() ? 0.0 : std::stod(x);
        if (table.schema().key("g_step") != nullptr) point.g_step = static_cast<int>(table.integer(rows.front(), "g_step"));
        point.vote_error = summarize(table.values(with_metric("validation_vote_error")));
        point.single_pass_error = summarize(table.values(with_metric("validation_single_pass_error")));
        points.push_back(point);
    }
    sort_by_x(points);
    return points;
}

}  // namespace qmlr::natural_quantization
