#pragma once
// The reference checks of tests/reference/quantum_patches.csv (docs/quantum_patches.md §8) against
// results/quantum_patches/{asr.csv, patches_preview.csv}. Each reference row names its kind:
//   asr_band            mean FGSM ASR (primary, headline ε) of one condition within [low, high] %
//   reduction_at_least  Δ = ASR(a) − ASR(c) ≥ low pp;  reduction_at_most: Δ ≤ high pp
//   ordering            Δ strictly decreasing over the listed datasets that were run
//   similar             |ASR(b) − ASR(c)| ≤ high pp on every listed dataset that was run
//   pgd_stronger        mean PGD ASR ≥ mean FGSM ASR − high pp for every dataset, condition, ε
//   clean_floor         mean clean accuracy of one condition ≥ low %
//   noise_match         |measured mean ‖σ_d·n‖ − d̄| / d̄ ≤ high % on every dataset run
// Means are over the seeds. Rows of a dataset that was not run (CINIC-10 not supplied) come back
// as not run with the reason; quick-profile results are never compared with the paper (nor the
// clean-accuracy floors, which need real training), and neither are models trained on a per-class
// subset (§8.2: paper rows need the full training split). Every outcome states the sizes it used.
#include <filesystem>
#include <vector>

#include "experiments/common/checks.hpp"

namespace qmlr::quantum_patches {

std::vector<experiments::CheckOutcome> evaluate_checks(const std::filesystem::path& results_dir,
                                                       const experiments::ReferenceTable& reference);

}  // namespace qmlr::quantum_patches
