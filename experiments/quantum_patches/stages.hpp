#pragma once
// Quantum Patches' stage graph (docs/quantum_patches.md §7), per dataset that is available:
//   patches-<dataset>                       the patch masks of the training set (artifact
//                                           masks.bin), σ_d (sigma.txt), the patch statistics
//                                           (tables patches_preview, datasets) and the preview
//                                           PNG, published beside the tables
//   train-<dataset>-<condition>-s<seed>     one trained hybrid model (artifact model.bin); the
//                                           quantum-patches condition reads the masks, the
//                                           Gaussian-noise condition σ_d
//   attacks-<dataset>-<condition>-s<seed>   FGSM and PGD at every ε of the dataset against that
//                                           model (table asr)
// A group is one (dataset, condition, seed); the patches run belongs to its dataset's first
// group. CINIC-10 when not supplied has no runs (and so no rows: the checks say "dataset not
// available"). Each key holds the settings its computation reads, its parameters, the keys of
// its inputs and the content digest of the data split it reads, so changing an ε list recomputes
// only attacks runs, and other data makes new runs throughout.
#include "experiments/common/paper.hpp"

namespace qmlr::quantum_patches {

// Bumped when a stage computes something else from the same inputs.
inline constexpr int kFormatVersion = 1;

experiments::RunPlan plan_runs(const experiments::PlanInputs& inputs);

}  // namespace qmlr::quantum_patches
