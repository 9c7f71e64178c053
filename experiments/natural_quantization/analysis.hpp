#pragma once
// What docs/natural_quantization.md §8.5 and §9.4 derive from the sweeps: the final-epoch 15-shot
// vote error of every configuration as mean ± std over seeds, the classical baseline
// e_b = e(a = 0), the best a (and best g step) with the gain over e_b and the standard error of
// that difference SE_Δ = √(s₁²/n + s₂²/n), and the transition of the g scan:
//   L_x = e_b + x·(0.9 − e_b), k_x = the largest k with e(k) ≥ L_x,
//   g_c = (k_0.5 + 0.5)·π/(2·projective_step), width = k_0.25 − k_0.75 grid steps.
// The derived run computes them from the runs' records in fractions, as the errors were
// measured, and writes them in percent (100·x, so the numbers are those of the fraction-based
// analysis to the last bit); the checks and figures read that table and take the per-point
// curves from the sweep tables (percent).
#include <optional>
#include <string>
#include <vector>

#include "experiments/common/checks.hpp"
#include "experiments/common/table_schema.hpp"

namespace qmlr::natural_quantization {

enum class Sweep { model1, model2, classical };

// The last epoch of one training run: which configuration it belongs to and its validation errors.
struct FinalRecord {
    Sweep sweep = Sweep::model1;
    double x = 0;     // a (Model 1) or g (Model 2); unused for the classical network
    int g_step = 0;   // Model 2's k
    int epoch = 0;
    double vote_error = 0, single_pass_error = 0;
};

struct CurvePoint {
    double x = 0;  // a (Model 1) or g (Model 2)
    int g_step = 0;
    experiments::SeedSummary vote_error, single_pass_error;
};

// The final-epoch errors by configuration, in the units of their source.
struct SweepCurves {
    int final_epoch = 0;
    std::vector<CurvePoint> a_curve;      // Model 1, by increasing a
    std::vector<CurvePoint> g_curve;      // Model 2, by increasing g
    experiments::SeedSummary classical;   // the sign network
};

// Groups the runs' final records into one point per configuration (seed values in the order
// given), sorted by x. An Error when the runs did not stop at one common epoch.
SweepCurves curves_of(const std::vector<FinalRecord>& runs);

struct Gain {
    const CurvePoint* best = nullptr;  // the lowest mean vote error among the curve's quantum points
    double gain = 0;                   // e_b − e(best)
    double standard_error = 0;         // SE_Δ of that difference
    double single_pass_gain = 0;       // the same with single-pass errors (informational)
};

struct Transition {
    std::optional<int> k25, k50, k75;
};

struct SweepAnalysis {
    experiments::SeedSummary baseline;  // e_b = Model 1 at a = 0
    Gain a_gain;                        // over a > 0
    Gain g_gain;                        // over k < projective_step
    Transition transition;
};

// The analysis of `curves` (fractions; `curves` must outlive the result, which points into it).
// An Error when the a curve lacks the classical point a = 0.
SweepAnalysis analyse_sweeps(const SweepCurves& curves, int projective_step);

// The rows of the derived table (tables.hpp) from the fraction-based analysis; quantities that
// do not exist (no a > 0, no transition on the grid) have no row.
void add_derived_rows(experiments::TableRows& rows, const SweepCurves& curves, const SweepAnalysis& analysis,
                      int projective_step);

// From a sweep table (model1_a_sweep, model2_g_sweep or classical): the last epoch with
// validation rows (an Error naming the table when there is none) and one point per distinct
// value of `x_column` ("a" or "g"; "" for the classical table: one point) at `epoch`.
int final_epoch(const experiments::ResultTable& table);
std::vector<CurvePoint> table_curve(const experiments::ResultTable& table, const std::string& x_column, int epoch);

}  // namespace qmlr::natural_quantization
