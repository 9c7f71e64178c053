#include "experiments/natural_quantization/analysis.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>

#include "core/csv.hpp"
#include "core/error.hpp"

namespace qmlr::natural_quantization {

namespace {

using experiments::ResultTable;
using experiments::SeedSummary;
using experiments::summarize;

constexpr double kChanceError = 0.9;
constexpr int kProjectiveStep = 20;

int final_epoch(const ResultTable& table) {
    int last = 0;
    const auto& t = table.table();
    for (std::size_t r = 0; r < t.row_count(); ++r)
        if (t.at(r, "metric") == "validation_vote_error") last = std::max(last, std::stoi(t.at(r, "epoch")));
    require(last > 0, "no validation_vote_error rows: the sweep tables hold no validation");
    return last;
}

// One point per distinct (a, g_step) of the table, in first-appearance order.
std::vector<CurvePoint> curve(const ResultTable& table, int epoch, bool by_a) {
    const auto& t = table.table();
    std::vector<std::pair<std::string, std::string>> keys;
    for (std::size_t r = 0; r < t.row_count(); ++r) {
        std::pair<std::string, std::string> key{t.at(r, "a"), t.at(r, "g_step")};
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    }
    std::vector<CurvePoint> points;
    for (const auto& [a, step] : keys) {
        const ResultTable::Filter at{{"a", a}, {"g_step", step}, {"epoch", std::to_string(epoch)}};
        auto with_metric = [&](const char* metric) {
            ResultTable::Filter filter = at;
            filter.emplace_back("metric", metric);
            return summarize(table.values(filter));
        };
        CurvePoint point;
        point.g_step = std::stoi(step);
        point.x = by_a ? std::stod(a) : point.g_step * std::numbers::pi / 40.0;
        point.vote_error = with_metric("validation_vote_error");
        point.single_pass_error = with_metric("validation_single_pass_error");
        require(point.vote_error.n > 0, table.table().at(0, "experiment") + ": no validation at epoch " +
                                            std::to_string(epoch) + " for a = " + a + ", g step " + step);
        points.push_back(point);
    }
    std::sort(points.begin(), points.end(), [](const CurvePoint& p, const CurvePoint& q) { return p.x < q.x; });
    return points;
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
    Transition t;
    t.k25 = largest_k_at_or_above(0.25);
    t.k50 = largest_k_at_or_above(0.5);
    t.k75 = largest_k_at_or_above(0.75);
    t.g_c = t.k50 ? (*t.k50 + 0.5) * std::numbers::pi / 40.0 : std::numeric_limits<double>::quiet_NaN();
    if (t.k25 && t.k75) t.width = *t.k25 - *t.k75;
    return t;
}

}  // namespace

SweepAnalysis analyse_sweeps(const std::filesystem::path& results_dir) {
    const ResultTable model1(results_dir / "model1_a_sweep.csv");
    const ResultTable model2(results_dir / "model2_g_sweep.csv");
    const ResultTable classical(results_dir / "classical.csv");
    SweepAnalysis analysis;
    analysis.final_epoch = final_epoch(model1);
    analysis.a_curve = curve(model1, analysis.final_epoch, /*by_a=*/true);
    analysis.g_curve = curve(model2, analysis.final_epoch, /*by_a=*/false);
    analysis.classical = summarize(classical.values(
        {{"epoch", std::to_string(analysis.final_epoch)}, {"metric", "validation_vote_error"}}));
    require(!analysis.a_curve.empty() && analysis.a_curve.front().x == 0,
            (results_dir / "model1_a_sweep.csv").string() + ": the a-sweep needs the classical point a = 0");
    const CurvePoint& baseline = analysis.a_curve.front();
    analysis.baseline = baseline.vote_error;
    analysis.a_gain = best_gain(analysis.a_curve, baseline, [](const CurvePoint& p) { return p.x > 0; });
    analysis.g_gain = best_gain(analysis.g_curve, baseline,
                                [](const CurvePoint& p) { return p.g_step < kProjectiveStep; });
    analysis.transition = find_transition(analysis.g_curve, baseline.vote_error.mean);
    return analysis;
}

void write_derived_table(const std::filesystem::path& results_dir) {
    const SweepAnalysis s = analyse_sweeps(results_dir);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    CsvWriter table(results_dir / "derived.csv", {"paper", "quantity", "value"});
    const auto row = [&](const std::string& quantity, double value) {
        table.add_row({"natural_quantization", quantity, format_number(value)});
    };
    const auto optional_step = [&](const std::optional<int>& k) { return k ? static_cast<double>(*k) : nan; };
    row("final_epoch", s.final_epoch);
    row("seeds", static_cast<double>(s.baseline.n));
    row("classical_sign_error_mean", s.classical.mean);
    row("classical_sign_error_std", s.classical.std);
    row("baseline_error_mean", s.baseline.mean);
    row("baseline_error_std", s.baseline.std);
    for (const auto& [name, gain] : {std::pair{std::string("a"), s.a_gain}, std::pair{std::string("g"), s.g_gain}}) {
        if (gain.best == nullptr) continue;
        row("best_" + name, gain.best->x);
        row("best_" + name + "_error_mean", gain.best->vote_error.mean);
        row("best_" + name + "_error_std", gain.best->vote_error.std);
        row("gain_" + name, gain.gain);
        row("gain_" + name + "_standard_error", gain.standard_error);
        row("gain_" + name + "_single_pass", gain.single_pass_gain);
    }
    row("transition_k25", optional_step(s.transition.k25));
    row("transition_k50", optional_step(s.transition.k50));
    row("transition_k75", optional_step(s.transition.k75));
    row("transition_width_steps", s.transition.k25 && s.transition.k75 ? s.transition.width : nan);
    row("g_c", s.transition.g_c);
    table.commit();
}

}  // namespace qmlr::natural_quantization
