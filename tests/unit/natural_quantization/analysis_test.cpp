// The derived quantities (best a, gain and SE_Δ, the transition rule) on hand-built final errors,
// and the reference checks on a hand-built results folder (docs/natural_quantization.md §8.5, §9.4).
#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <numbers>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "experiments/common/paper.hpp"
#include "experiments/natural_quantization/analysis.hpp"
#include "experiments/natural_quantization/checks.hpp"
#include "experiments/natural_quantization/tables.hpp"
#include "support/temp_dir.hpp"

using namespace qmlr;
using namespace qmlr::natural_quantization;
namespace ex = qmlr::experiments;

namespace {

struct Point {
    Sweep sweep;
    double a;
    int g_step;
    std::vector<double> errors;  // per seed, fractions
};

double g_of(int k) { return k * std::numbers::pi / 40.0; }

// An a-sweep with a minimum at a = 0.5, a g-sweep with a jump between k = 6 and k = 8.
std::vector<Point> sweeps(bool with_advantage) {
    const std::vector<double> baseline = {0.060, 0.062, 0.058};
    const std::vector<double> best = with_advantage ? std::vector<double>{0.050, 0.051, 0.049}
                                                    : std::vector<double>{0.059, 0.063, 0.060};
    std::vector<Point> points = {{Sweep::model1, 0, 20, baseline},
                                 {Sweep::model1, 0.5, 20, best},
                                 {Sweep::model1, 5, 20, {0.85, 0.86, 0.84}}};
    for (int k = 0; k <= 20; ++k) {
        const double e = k <= 6 ? 0.9 : (k == 7 ? 0.5 : (k == 20 ? 0.06 : 0.055));
        points.push_back({Sweep::model2, 0, k, k == 20 ? baseline : std::vector<double>{e, e, e}});
    }
    points.push_back({Sweep::classical, 0, 20, baseline});
    return points;
}

std::vector<FinalRecord> final_records(const std::vector<Point>& points) {
    std::vector<FinalRecord> runs;
    for (const Point& p : points)
        for (double e : p.errors)
            runs.push_back({p.sweep, p.sweep == Sweep::model2 ? g_of(p.g_step) : p.a, p.g_step, 30, e, e});
    return runs;
}

// The tables the program would publish for these final errors (only the epoch-30 validation rows).
void write_results(const std::filesystem::path& dir, const std::vector<Point>& points) {
    std::map<Sweep, ex::TableRows> rows = {{Sweep::model1, ex::TableRows(table_schema(kModel1Table))},
                                           {Sweep::model2, ex::TableRows(table_schema(kModel2Table))},
                                           {Sweep::classical, ex::TableRows(table_schema(kClassicalTable))}};
    for (const Point& p : points)
        for (std::size_t seed = 0; seed < p.errors.size(); ++seed) {
            const auto s = static_cast<std::int64_t>(seed);
            std::vector<ex::Field> keys;
            if (p.sweep == Sweep::model1) keys = {p.a, s, std::int64_t{30}};
            if (p.sweep == Sweep::model2) keys = {p.a, std::int64_t{p.g_step}, g_of(p.g_step), s, std::int64_t{30}};
            if (p.sweep == Sweep::classical) keys = {s, std::int64_t{30}};
            for (const char* metric : {"validation_vote_error", "validation_single_pass_error"})
                rows.at(p.sweep).add(keys, metric, 100.0 * p.errors[seed]);
        }
    for (const auto& [sweep, table] : rows) test::write_file(dir / table.schema().file_name(), table.csv());
    const SweepCurves curves = curves_of(final_records(points));
    ex::TableRows derived(table_schema(kDerivedTable));
    add_derived_rows(derived, curves, analyse_sweeps(curves, 20), 20);
    test::write_file(dir / "derived.csv", derived.csv());
}

std::map<std::string, ex::CheckOutcome> outcomes(const std::filesystem::path& results,
                                                 const std::filesystem::path& reference_file) {
    const ex::ReferenceTable reference(reference_file);
    const ex::ResultsFolder folder(table_schemas(), results);
    std::map<std::string, ex::CheckOutcome> by_id;
    for (const ex::CheckOutcome& outcome : evaluate_checks(folder, reference)) by_id[outcome.id] = outcome;
    return by_id;
}

const std::filesystem::path kReference = std::filesystem::path(QMLR_SOURCE_ROOT) / "tests/reference/natural_quantization.csv";

}  // namespace

TEST_CASE("the analysis finds the best a, its gain with SE_Δ, and the transition by the rule of §9.4") {
    const SweepCurves curves = curves_of(final_records(sweeps(true)));
    CHECK(curves.final_epoch == 30);
    REQUIRE(curves.a_curve.size() == 3);
    REQUIRE(curves.g_curve.size() == 21);
    const SweepAnalysis s = analyse_sweeps(curves, 20);
    CHECK(s.baseline.mean == doctest::Approx(0.060));
    REQUIRE(s.a_gain.best != nullptr);
    CHECK(s.a_gain.best->x == 0.5);
    CHECK(s.a_gain.gain == doctest::Approx(0.010));
    CHECK(s.a_gain.standard_error == doctest::Approx(std::sqrt(0.002 * 0.002 / 3 + 0.001 * 0.001 / 3)));
    REQUIRE(s.g_gain.best != nullptr);
    CHECK(s.g_gain.best->g_step == 8);  // the first of the 0.055 plateau: the lowest mean, first found
    // L_0.25 = 0.06 + 0.21 = 0.27, L_0.5 = 0.48, L_0.75 = 0.69: k25 = k50 = 7, k75 = 6.
    REQUIRE(s.transition.k25.has_value());
    CHECK(*s.transition.k25 == 7);
    CHECK(*s.transition.k50 == 7);
    CHECK(*s.transition.k75 == 6);

    // The derived table: percent values are 100·(the fraction-based number), to the last bit.
    ex::TableRows rows(table_schema(kDerivedTable));
    add_derived_rows(rows, curves, s, 20);
    const ex::ResultTable derived(table_schema(kDerivedTable), rows.csv(), "derived.csv");
    const auto value = [&](const char* metric) {
        const std::vector<double> v = derived.values({{"metric", ex::text_field(metric)}});
        REQUIRE(v.size() == 1);
        return v.front();
    };
    CHECK(value("final_epoch") == 30);
    CHECK(value("seeds") == 3);
    CHECK(value("baseline_error_mean") == 100.0 * s.baseline.mean);
    CHECK(value("gain_a") == 100.0 * s.a_gain.gain);
    CHECK(value("gain_a_standard_error") == 100.0 * s.a_gain.standard_error);
    CHECK(value("best_g") == g_of(8));
    CHECK(value("transition_width_steps") == 1);
    CHECK(value("g_c") == 7.5 * std::numbers::pi / 40);
}

TEST_CASE("the analysis omits what does not exist and needs the classical point a = 0") {
    std::vector<Point> points = {{Sweep::model1, 0, 20, {0.1}}, {Sweep::classical, 0, 20, {0.1}}};
    const SweepCurves curves = curves_of(final_records(points));
    const SweepAnalysis s = analyse_sweeps(curves, 20);
    CHECK(s.a_gain.best == nullptr);
    CHECK(s.g_gain.best == nullptr);
    CHECK_FALSE(s.transition.k50.has_value());
    ex::TableRows rows(table_schema(kDerivedTable));
    add_derived_rows(rows, curves, s, 20);
    const ex::ResultTable derived(table_schema(kDerivedTable), rows.csv(), "derived.csv");
    CHECK(derived.values({{"metric", ex::text_field("best_a")}}).empty());
    CHECK(derived.values({{"metric", ex::text_field("g_c")}}).empty());
    CHECK(derived.row_count() == 6);

    const SweepCurves no_zero = curves_of(final_records({{Sweep::model1, 0.5, 20, {0.1}}}));
    CHECK_THROWS_WITH_AS(analyse_sweeps(no_zero, 20), doctest::Contains("a = 0"), Error);
    CHECK_THROWS_WITH_AS(curves_of({{Sweep::model1, 0, 20, 30, 0.1, 0.1}, {Sweep::model1, 0.5, 20, 29, 0.1, 0.1}}),
                         doctest::Contains("different epochs"), Error);
}

TEST_CASE("the reference checks pass, fail and report not run as the results say") {
    test::TempDir dir;
    for (const auto& [id, outcome] : outcomes(dir / "absent", kReference)) CHECK(outcome.verdict == ex::Verdict::not_run);
    CHECK(check_ids(ex::ReferenceTable(kReference)).size() == ex::ReferenceTable(kReference).size());

    // The hand-built sweeps satisfy every check; a row the reference marks as a known deviation
    // of the real results (E1s) then reports its mark as stale, which fails.
    write_results(dir.path(), sweeps(true));
    auto good = outcomes(dir.path(), kReference);
    for (const char* id : {"C1", "C2", "C3", "C4", "C6", "C7", "C8", "E1s", "E2s"}) {
        INFO(id << ": " << good[id].ours << " " << good[id].reason);
        const bool marked = !ex::ReferenceTable(kReference).find(id).text("known_deviation").empty();
        CHECK(good[id].verdict == (marked ? ex::Verdict::fail : ex::Verdict::match));
    }
    CHECK(good["C2"].ours.find("best a = 0.5") != std::string::npos);
    CHECK(good["C6"].ours.find("best k = 8") != std::string::npos);
    write_results(dir.path(), sweeps(false));
    CHECK(outcomes(dir.path(), kReference)["C2"].verdict == ex::Verdict::fail);
}

TEST_CASE("a reference row whose keys match no result is a FAIL that says why, never 'not run'") {
    test::TempDir dir;
    write_results(dir.path(), sweeps(true));
    std::string reference = test::read_file(kReference);
    // C4 at a = 4 and C7 at g step 3: neither is in the sweep.
    const auto replace = [&](const std::string& from, const std::string& to) {
        const auto at = reference.find(from);
        REQUIRE(at != std::string::npos);
        reference.replace(at, from.size(), to);
    };
    replace("e(5) > e_b,5,", "e(5) > e_b,4,");
    replace("e(k=0) ≥ 85%,,0,", "e(k=0) ≥ 85%,,33,");
    test::TempDir elsewhere;  // a results folder holds only declared tables
    test::write_file(elsewhere / "reference.csv", reference);
    auto by_id = outcomes(dir.path(), elsewhere / "reference.csv");
    CHECK(by_id["C4"].verdict == ex::Verdict::fail);
    CHECK(by_id["C4"].reason.find("a = 4") != std::string::npos);
    CHECK(by_id["C7"].verdict == ex::Verdict::fail);
    CHECK(by_id["C7"].reason.find("g_step = 33") != std::string::npos);
}
