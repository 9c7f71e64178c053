#pragma once
// The stage graph of `qplr` (docs/qplr.md §7). One group per dataset and seed, in the order of
// `datasets` and `seeds`:
//   teacher-<d>-s<seed>               teacher training, exact and shot test accuracy, the shot and
//                                     exact soft labels of every training image (artifact
//                                     labels.bin) -> teacher
//   labels-<d>-s<seed>                the confident subsets of those labels -> labels
//   student-<d>-s<seed>-<method>      one student trained (artifact model.bin); M3, M4, M3e and
//                                     M4e read the teacher's labels.bin, the others no teacher
//   evaluation-<d>-s<seed>-<method>   the student on the σ × rotation × clipping grid
//                                     -> robustness, calibration, reliability
//   attacks-<d>-s<seed>-<method>      FGSM and PGD at every ε -> attacks
//   sensitivity-<d>-s<seed>-<M1|M3>-<scaling>   (first seed only; M3 reads the teacher) one
//                                     student per input scaling, evaluated after each of
//                                     sensitivity_epochs -> sensitivity
// Each key holds the settings its computation reads (through KeyedSettings), its parameters,
// the keys of its inputs and the content digest of the data splits it reads.
#include "experiments/common/paper.hpp"

namespace qmlr::qplr {

// Bumped whenever a stage computes something else from the same key.
inline constexpr int kFormatVersion = 3;  // 3: the framework's stages; ECE in percent

experiments::RunPlan plan_runs(const experiments::PlanInputs& inputs);

}  // namespace qmlr::qplr
