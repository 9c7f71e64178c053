#include "experiments/natural_quantization/checks.hpp"

#include <cstdio>
#include <numbers>
#include <optional>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "experiments/natural_quantization/analysis.hpp"
#include "experiments/natural_quantization/tables.hpp"

namespace qmlr::natural_quantization {

namespace {

using experiments::CheckOutcome;
using experiments::judge;
using experiments::ReferenceRow;
using experiments::ResultTable;
using experiments::text_field;
using experiments::Verdict;

std::vector<std::string> implemented_ids() { return {"C1", "C2", "C3", "C4", "C6", "C7", "C8", "E1s", "E2s"}; }

struct Tables {
    const ResultTable& model1;
    const ResultTable& model2;
    const ResultTable& classical;
    const ResultTable& derived;
};

std::string fixed(double value, int decimals) {
    char text[48];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

// "5.12 ± 0.20 % (n=3)" from percent values.
std::string error_summary(double mean, double std, std::size_t n) {
    return fixed(mean, 2) + " ± " + fixed(std, 2) + " % (n=" + std::to_string(n) + ")";
}
std::string error_summary(const experiments::SeedSummary& error) { return error_summary(error.mean, error.std, error.n); }

// A quantity of the derived table; a FAIL naming what is missing when it is absent.
class Derived {
public:
    explicit Derived(const ResultTable& table) : table_(table) {}
    std::optional<double> get(const std::string& metric) const {
        const std::vector<double> values = table_.values({{"metric", text_field(metric)}});
        if (values.empty()) return std::nullopt;
        return values.front();
    }
    std::string missing(const std::string& metric) const {
        return table_.source() + ": " + table_.explain_no_match({{"metric", text_field(metric)}});
    }

private:
    const ResultTable& table_;
};

// The final-epoch vote error of one configuration of a sweep table, or the FAIL reason.
struct PointOrReason {
    std::optional<experiments::SeedSummary> error;
    std::string reason;
};
PointOrReason final_vote_error(const ResultTable& table, const std::string& column, experiments::Field value) {
    const ResultTable::Filter where{{column, value},
                                    {"epoch", std::int64_t{final_epoch(table)}},
                                    {"metric", text_field("validation_vote_error")}};
    const std::vector<double> values = table.values(where);
    if (values.empty()) return {std::nullopt, table.source() + ": " + table.explain_no_match(where)};
    return {experiments::summarize(values), ""};
}

// Every selected row of `a` equals the matching row of `b` (all seeds, epochs and metrics, in
// file order).
CheckOutcome identical_tables(const ReferenceRow& row, const ResultTable& a, const ResultTable::Filter& a_rows,
                              const ResultTable& b, const ResultTable::Filter& b_rows) {
    const std::vector<double> x = a.values(a_rows), y = b.values(b_rows);
    if (x.empty()) return experiments::failed(row, a.source() + ": " + a.explain_no_match(a_rows));
    if (y.empty()) return experiments::failed(row, b.source() + ": " + b.explain_no_match(b_rows));
    std::size_t differ = 0;
    for (std::size_t i = 0; i < std::min(x.size(), y.size()); ++i) differ += x[i] != y[i];
    const bool same = x.size() == y.size() && differ == 0;
    return judge(row, same,
                 std::to_string(x.size()) + " vs " + std::to_string(y.size()) + " values, " + std::to_string(differ) +
                     " differ",
                 same ? "" : "the two tables should hold the same numbers");
}

CheckOutcome gain_check(const ReferenceRow& row, const Tables& t, const std::string& x) {
    const Derived d(t.derived);
    for (const std::string& metric : std::vector<std::string>{"best_" + x, "gain_" + x, "baseline_error_mean"})
        if (!d.get(metric)) return experiments::failed(row, d.missing(metric));
    const double best = *d.get("best_" + x), gain = *d.get("gain_" + x);
    const double se = d.get("gain_" + x + "_standard_error").value_or(0);
    const auto n = static_cast<std::size_t>(d.get("seeds").value_or(0));
    std::string where = x + " = " + format_number(best);
    if (x == "g") {  // name the grid step as well
        const std::vector<std::size_t> rows = t.model2.rows({{"g", best}});
        if (!rows.empty()) where = "k = " + std::to_string(t.model2.integer(rows.front(), "g_step"));
    }
    return judge(row, gain > 2 * se,
                 "best " + where + ": " +
                     error_summary(d.get("best_" + x + "_error_mean").value_or(0),
                                   d.get("best_" + x + "_error_std").value_or(0), n) +
                     " vs e_b " +
                     error_summary(*d.get("baseline_error_mean"), d.get("baseline_error_std").value_or(0), n) +
                     "; gain " + fixed(gain, 2) + "%, 2·SE_Δ " + fixed(2 * se, 2) + "%");
}

CheckOutcome evaluate(const ReferenceRow& row, const Tables& t) {
    const std::string& id = row.id();
    const Derived d(t.derived);
    if (id == "C1") {
        const auto e_b = d.get("baseline_error_mean");
        if (!e_b) return experiments::failed(row, d.missing("baseline_error_mean"));
        return judge(row, *e_b >= row.number("lower") && *e_b <= row.number("upper"),
                     error_summary(*e_b, d.get("baseline_error_std").value_or(0),
                                   static_cast<std::size_t>(d.get("seeds").value_or(0))));
    }
    if (id == "C2") return gain_check(row, t, "a");
    if (id == "C6") return gain_check(row, t, "g");
    if (id == "C3") {
        for (const char* metric : {"best_a", "gain_a"})
            if (!d.get(metric)) return experiments::failed(row, d.missing(metric));
        // The argmin over the whole a grid: a = 0 unless some a > 0 beats e_b.
        const double best = *d.get("gain_a") > 0 ? *d.get("best_a") : 0.0;
        return judge(row, best != 0.0 && best != row.number("a"), "argmin a = " + format_number(best));
    }
    if (id == "C4") {
        const double a = row.number("a");
        const PointOrReason large = final_vote_error(t.model1, "a", a);
        if (!large.error) return experiments::failed(row, large.reason);
        const auto e_b = d.get("baseline_error_mean");
        if (!e_b) return experiments::failed(row, d.missing("baseline_error_mean"));
        return judge(row, large.error->mean > *e_b,
                     "e(" + format_number(a) + ") = " + error_summary(*large.error) + " vs e_b " +
                         error_summary(*e_b, d.get("baseline_error_std").value_or(0), large.error->n));
    }
    if (id == "C7") {
        const auto k = static_cast<std::int64_t>(row.number("g_step"));
        const PointOrReason point = final_vote_error(t.model2, "g_step", k);
        if (!point.error) return experiments::failed(row, point.reason);
        return judge(row, point.error->mean >= row.number("lower"),
                     "e(k=" + std::to_string(k) + ") = " + error_summary(*point.error));
    }
    if (id == "C8") {
        const auto k25 = d.get("transition_k25"), k50 = d.get("transition_k50"), k75 = d.get("transition_k75");
        if (!k25 || !k75) return judge(row, false, "no grid point reaches L_0.75", "no transition on the grid");
        const double width = *k25 - *k75;
        return judge(row, width <= row.number("upper"),
                     "k25 = " + format_number(*k25) + ", k50 = " + (k50 ? format_number(*k50) : "none") +
                         ", k75 = " + format_number(*k75) + " (width " + format_number(width) + " steps); g_c = " +
                         (d.get("g_c") ? format_number(*d.get("g_c")) + " rad (k50 + 0.5 steps)" : "none"));
    }
    if (id == "E1s") return identical_tables(row, t.classical, {}, t.model1, {{"a", 0.0}});
    if (id == "E2s") {
        // Model 2 at the projective g against Model 1 at the same a (the g scan's a, 0 by default).
        const std::vector<std::string> scan_a = t.model2.distinct("a");
        const double a = scan_a.empty() ? 0.0 : std::stod(scan_a.front());
        return identical_tables(row, t.model2, {{"a", a}, {"g", std::numbers::pi / 2}}, t.model1, {{"a", a}});
    }
    std::string known;
    for (const std::string& implemented : implemented_ids()) known += (known.empty() ? "" : ", ") + implemented;
    return experiments::failed(row,
                               "no check with this id (experiments/natural_quantization/checks.cpp implements " + known + ")");
}

}  // namespace

std::vector<std::string> check_ids(const experiments::ReferenceTable&) { return implemented_ids(); }

std::vector<CheckOutcome> evaluate_checks(const experiments::ResultsFolder& results,
                                          const experiments::ReferenceTable& reference) {
    std::vector<const ResultTable*> tables;
    for (std::string_view name : {kModel1Table, kModel2Table, kClassicalTable, kDerivedTable}) {
        const ResultTable* table = results.table(name);
        if (table == nullptr)
            return experiments::all_not_run(reference, (results.directory() / (std::string(name) + ".csv")).string() +
                                                           " not found: run `make reproduce PAPERS=natural_quantization`");
        tables.push_back(table);
    }
    const Tables t{*tables[0], *tables[1], *tables[2], *tables[3]};
    std::vector<CheckOutcome> outcomes;
    for (std::size_t i = 0; i < reference.size(); ++i) {
        const ReferenceRow row = reference.row(i);
        try {
            outcomes.push_back(evaluate(row, t));
        } catch (const Error& error) {  // e.g. a sweep table without validation rows
            outcomes.push_back(experiments::failed(row, error.what()));
        }
    }
    return outcomes;
}

}  // namespace qmlr::natural_quantization
