#pragma once
// The runs of the natural-quantization sweeps (docs/natural_quantization.md §8.5) as a graph of
// stages, one run per configuration and seed plus one derived run:
//   model1_a_sweep-a<a>-s<seed>    stage model1_a_sweep   Model 1 (g = π/2) at one a of a_grid
//   model2_g_sweep-k<kk>-s<seed>   stage model2_g_sweep   Model 2 at g = kπ/(2·projective_step), a = g_sweep_a
//   classical-s<seed>              stage classical        the deterministic sign network
//   derived                        stage derived          reads every run above
// A training run trains one network on the first train_images MNIST training images, validates
// it by vote on the first validation_images test images, and writes its rows of its sweep's table
// and the artifact records.csv (its epoch records in fractions, as measured). The derived run
// reads every records.csv and writes the derived table (analysis.hpp); it reads them rather than
// the table rows because its statistics are computed on the errors as measured (fractions) and
// converted to percent at the end, which keeps them equal to the fraction-based numbers to the
// last bit (means and standard deviations of percent values differ in the last bits).
// Each run is its own group, so --shard K/N splits the training runs one by one, in table order;
// the derived run is the last group, and the shard that owns it computes it after its own runs
// (and, before it, any training run that no shard has finished yet).
#include "experiments/common/paper.hpp"
#include "experiments/common/run_plan.hpp"

namespace qmlr::natural_quantization {

experiments::RunPlan plan_runs(const experiments::PlanInputs& inputs);

}  // namespace qmlr::natural_quantization
