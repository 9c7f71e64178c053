#pragma once
// The result tables of the natural-quantization sweeps (docs/natural_quantization.md §8.5), each
// declared once. The three sweep tables hold one row per (run, epoch, metric): the training loss
// (nats) and training error of every epoch, and the 15-shot vote and single-pass validation
// errors at the validation epochs, errors in percent.
//   model1_a_sweep   Model 1 (g = π/2) over the a grid          keys a, seed, epoch
//   model2_g_sweep   Model 2 over g = kπ/(2·projective_step)    keys a, g_step, g, seed, epoch
//   classical        the deterministic sign network             keys seed, epoch
//   derived          the quantities of §9.4 over the final-epoch errors (no key columns)
#include <string_view>
#include <vector>

#include "experiments/common/table_schema.hpp"

namespace qmlr::natural_quantization {

inline constexpr std::string_view kModel1Table = "model1_a_sweep";
inline constexpr std::string_view kModel2Table = "model2_g_sweep";
inline constexpr std::string_view kClassicalTable = "classical";
inline constexpr std::string_view kDerivedTable = "derived";

const std::vector<experiments::TableSchema>& table_schemas();
// The declaration of one of them (an Error for another name).
const experiments::TableSchema& table_schema(std::string_view name);

}  // namespace qmlr::natural_quantization
