#include "experiments/natural_quantization/tables.hpp"

#include "core/error.hpp"

namespace qmlr::natural_quantization {

namespace {

using experiments::Column;
using experiments::ColumnType;
using experiments::Metric;

std::vector<Metric> epoch_metrics() {
    return {{"train_loss", "nats", "mean softmax cross-entropy over the epoch's training batches"},
            {"train_error", "percent", "one-pass error on the training batches as they were trained on"},
            {"validation_vote_error", "percent", "error of the majority vote over the validation passes (the reported number)"},
            {"validation_single_pass_error", "percent", "mean error of the single validation passes"}};
}

const Column kSeed{"seed", ColumnType::integer, "seed of the run"};
const Column kEpoch{"epoch", ColumnType::integer, "training epoch, 1-based"};
const Column kA{"a", ColumnType::real, "quantumness a of the squash f_a (0: sgn)"};

}  // namespace

const std::vector<experiments::TableSchema>& table_schemas() {
    static const std::vector<experiments::TableSchema> tables = {
        {std::string(kModel1Table),
         "Model 1 (projective measurement, g = pi/2) over the a grid: per-epoch training and validation errors",
         {kA, kSeed, kEpoch},
         epoch_metrics()},
        {std::string(kModel2Table),
         "Model 2 (weak measurement in the hidden layers before the last) over the g grid at a = g_sweep_a",
         {kA,
          {"g_step", ColumnType::integer, "grid step k of g = k*pi/(2*projective_step)"},
          {"g", ColumnType::real, "measurement strength g of the weak layers, radians"},
          kSeed,
          kEpoch},
         epoch_metrics()},
        {std::string(kClassicalTable),
         "The deterministic sign network, trained like the quantum ones (must equal Model 1 at a = 0, check E1s)",
         {kSeed, kEpoch},
         epoch_metrics()},
        {std::string(kDerivedTable),
         "The quantities of docs/natural_quantization.md §9.4 over the final-epoch validation errors: seed means and "
         "standard deviations, best a and g, gains over e_b with SE, the transition of the g scan",
         {},
         {{"final_epoch", "count", "the epoch the errors are taken at (the last)"},
          {"seeds", "count", "seeds per configuration"},
          {"classical_sign_error_mean", "percent", "vote error of the sign network, mean over seeds"},
          {"classical_sign_error_std", "percent", "its sample standard deviation"},
          {"baseline_error_mean", "percent", "e_b: vote error of Model 1 at a = 0, mean over seeds"},
          {"baseline_error_std", "percent", "its sample standard deviation"},
          {"best_a", "1", "the a > 0 of the lowest mean vote error"},
          {"best_a_error_mean", "percent", "its mean vote error"},
          {"best_a_error_std", "percent", "its sample standard deviation"},
          {"gain_a", "percent", "e_b minus the best a's error (percentage points)"},
          {"gain_a_standard_error", "percent", "SE of that difference, sqrt(s1^2/n + s2^2/n)"},
          {"gain_a_single_pass", "percent", "the same gain with single-pass errors (informational)"},
          {"best_g", "radians", "the g < pi/2 of the lowest mean vote error"},
          {"best_g_error_mean", "percent", "its mean vote error"},
          {"best_g_error_std", "percent", "its sample standard deviation"},
          {"gain_g", "percent", "e_b minus the best g's error (percentage points)"},
          {"gain_g_standard_error", "percent", "SE of that difference"},
          {"gain_g_single_pass", "percent", "the same gain with single-pass errors (informational)"},
          {"transition_k25", "1", "largest grid step k with e(k) >= e_b + 0.25*(90% - e_b)"},
          {"transition_k50", "1", "the same at 0.5"},
          {"transition_k75", "1", "the same at 0.75"},
          {"transition_width_steps", "count", "k25 - k75, in grid steps"},
          {"g_c", "radians", "(k50 + 0.5)*pi/(2*projective_step)"}}},
    };
    return tables;
}

const experiments::TableSchema& table_schema(std::string_view name) {
    for (const experiments::TableSchema& table : table_schemas())
        if (table.name == name) return table;
    throw Error("natural_quantization declares no table '" + std::string(name) + "'");
}

}  // namespace qmlr::natural_quantization
