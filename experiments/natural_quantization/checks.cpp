#include "experiments/natural_quantization/checks.hpp"

#include <cstdio>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "experiments/natural_quantization/analysis.hpp"

namespace qmlr::natural_quantization {

namespace {

using experiments::CheckOutcome;
using experiments::judge;
using experiments::not_run;
using experiments::ReferenceRow;
using experiments::ResultTable;

std::string percent(double fraction) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f%%", 100.0 * fraction);
    return text;
}

// "5.12 ± 0.20 % (n=3)"
std::string error_summary(const experiments::SeedSummary& error) {
    char text[64];
    std::snprintf(text, sizeof text, "%.2f ± %.2f %% (n=%zu)", 100 * error.mean, 100 * error.std, error.n);
    return text;
}

const CurvePoint* point_at(const std::vector<CurvePoint>& curve, double x) {
    for (const CurvePoint& p : curve)
        if (p.x == x) return &p;
    return nullptr;
}

// Every row of `a` equals the matching row of `b` (all seeds, epochs and metrics, in file order).
CheckOutcome identical_tables(const ReferenceRow& row, const ResultTable& a, const ResultTable::Filter& a_rows,
                              const ResultTable& b, const ResultTable::Filter& b_rows) {
    const std::vector<double> x = a.values(a_rows), y = b.values(b_rows);
    std::size_t differ = 0;
    for (std::size_t i = 0; i < std::min(x.size(), y.size()); ++i) differ += x[i] != y[i];
    const bool same = x.size() == y.size() && differ == 0 && !x.empty();
    return judge(row, same,
                 std::to_string(x.size()) + " vs " + std::to_string(y.size()) + " values, " + std::to_string(differ) +
                     " differ",
                 same ? "" : "the two tables should hold the same numbers");
}

CheckOutcome evaluate(const ReferenceRow& row, const SweepAnalysis& s, const std::filesystem::path& dir) {
    const std::string& id = row.id();
    const double e_b = s.baseline.mean;
    if (id == "C1") {
        return judge(row, e_b >= row.number("lower") && e_b <= row.number("upper"), error_summary(s.baseline));
    }
    if (id == "C2" || id == "C6") {
        const Gain& gain = id == "C2" ? s.a_gain : s.g_gain;
        if (gain.best == nullptr) return not_run(row, "the sweep has no quantum point");
        const std::string where = id == "C2" ? "a = " + format_number(gain.best->x)
                                             : "k = " + std::to_string(gain.best->g_step);
        return judge(row, gain.gain > 2 * gain.standard_error,
                     "best " + where + ": " + error_summary(gain.best->vote_error) + " vs e_b " +
                         error_summary(s.baseline) + "; gain " + percent(gain.gain) + ", 2·SE_Δ " +
                         percent(2 * gain.standard_error));
    }
    if (id == "C3") {
        if (s.a_gain.best == nullptr) return not_run(row, "the sweep has no a > 0");
        const double best = s.a_curve.front().vote_error.mean <= s.a_gain.best->vote_error.mean
                                ? 0.0
                                : s.a_gain.best->x;
        return judge(row, best != 0.0 && best != 5.0, "argmin a = " + format_number(best));
    }
    if (id == "C4") {
        const CurvePoint* large = point_at(s.a_curve, 5.0);
        if (large == nullptr) return not_run(row, "a = 5 is not in the committed sweep");
        return judge(row, large->vote_error.mean > e_b,
                     "e(5) = " + error_summary(large->vote_error) + " vs e_b " + error_summary(s.baseline));
    }
    if (id == "C7") {
        if (s.g_curve.empty() || s.g_curve.front().g_step != 0) return not_run(row, "k = 0 is not in the sweep");
        return judge(row, s.g_curve.front().vote_error.mean >= row.number("lower"),
                     "e(k=0) = " + error_summary(s.g_curve.front().vote_error));
    }
    if (id == "C8") {
        const Transition& t = s.transition;
        if (!t.k75 || !t.k25)
            return judge(row, false, "no grid point reaches L_0.75", "no transition on the grid");
        return judge(row, t.width <= row.number("upper"),
                     "k25 = " + std::to_string(*t.k25) + ", k50 = " + std::to_string(t.k50.value_or(-1)) +
                         ", k75 = " + std::to_string(*t.k75) + " (width " + std::to_string(t.width) +
                         " steps); g_c = " + format_number(t.g_c) + " = " + format_number(t.g_c * 40 / 3.141592653589793) +
                         "π/40");
    }
    if (id == "E1s") {
        const ResultTable model1(dir / "model1_a_sweep.csv"), classical(dir / "classical.csv");
        return identical_tables(row, classical, {}, model1, {{"a", "0"}});
    }
    if (id == "E2s") {
        const ResultTable model1(dir / "model1_a_sweep.csv"), model2(dir / "model2_g_sweep.csv");
        return identical_tables(row, model2, {{"g_step", "20"}}, model1, {{"a", "0"}});
    }
    throw Error("tests/reference/natural_quantization.csv: unknown check id '" + id + "'");
}

}  // namespace

std::vector<CheckOutcome> evaluate_checks(const std::filesystem::path& results_dir,
                                          const experiments::ReferenceTable& reference) {
    for (const char* table : {"model1_a_sweep.csv", "model2_g_sweep.csv", "classical.csv"})
        if (!std::filesystem::exists(results_dir / table))
            return experiments::all_not_run(reference, (results_dir / table).string() +
                                                           " not found: run `make reproduce PAPERS=natural_quantization`");
    const SweepAnalysis analysis = analyse_sweeps(results_dir);
    std::vector<CheckOutcome> outcomes;
    for (std::size_t i = 0; i < reference.size(); ++i) outcomes.push_back(evaluate(reference.row(i), analysis, results_dir));
    return outcomes;
}

}  // namespace qmlr::natural_quantization
