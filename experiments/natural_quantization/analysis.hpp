#pragma once
// What docs/natural_quantization.md §8.5 and §9.4 derive from the merged sweep tables: the
// final-epoch 15-shot vote error of every configuration as mean ± std over seeds, the classical
// baseline e_b = e(a = 0), the best a (and best g step) with the gain over e_b and the standard
// error of that difference SE_Δ = √(s₁²/n + s₂²/n), and the transition of the g-scan:
//   L_x = e_b + x·(0.9 − e_b), k_x = the largest k with e(k) ≥ L_x,
//   g_c = (k_0.5 + 0.5)·π/40, width = k_0.25 − k_0.75 grid steps.
// Read by the program (derived.csv) and by the reference checks.
#include <filesystem>
#include <optional>
#include <vector>

#include "experiments/common/checks.hpp"

namespace qmlr::natural_quantization {

struct CurvePoint {
    double x = 0;  // a (Model 1) or g (Model 2)
    int g_step = 0;
    experiments::SeedSummary vote_error, single_pass_error;
};

struct Gain {
    const CurvePoint* best = nullptr;  // the lowest mean vote error of the curve's quantum points
    double gain = 0;                   // e_b − e(best)
    double standard_error = 0;         // SE_Δ of that difference
    double single_pass_gain = 0;       // the same with single-pass errors (informational)
};

struct Transition {
    std::optional<int> k25, k50, k75;
    double g_c = 0;   // NaN without k50
    int width = 0;    // k25 − k75 (when both exist)
};

struct SweepAnalysis {
    int final_epoch = 0;
    experiments::SeedSummary classical;  // the sign network
    std::vector<CurvePoint> a_curve;     // Model 1, by increasing a
    std::vector<CurvePoint> g_curve;     // Model 2, by increasing k
    experiments::SeedSummary baseline;   // e_b = Model 1 at a = 0
    Gain a_gain;                         // over a > 0
    Gain g_gain;                         // over k < 20
    Transition transition;
};

// Reads model1_a_sweep.csv, model2_g_sweep.csv and classical.csv from `results_dir`.
SweepAnalysis analyse_sweeps(const std::filesystem::path& results_dir);
// Writes results_dir/derived.csv (paper, quantity, value) from analyse_sweeps.
void write_derived_table(const std::filesystem::path& results_dir);

}  // namespace qmlr::natural_quantization
