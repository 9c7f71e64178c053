#pragma once
// The reference checks of tests/reference/quantum_patches.csv (docs/quantum_patches.md §8) against
// the tables asr, patches_preview and datasets. Each reference row names its kind:
//   asr_band            mean FGSM ASR (primary, headline ε) of one condition within [low, high] %
//   reduction_at_least  Δ = ASR(a) − ASR(c) ≥ low pp;  reduction_at_most: Δ ≤ high pp
//   ordering            Δ strictly decreasing over the listed datasets that were run
//   similar             |ASR(b) − ASR(c)| ≤ high pp on every listed dataset that was run
//   pgd_stronger        mean PGD ASR ≥ mean FGSM ASR − high pp for every dataset, condition, ε
//   clean_floor         mean clean accuracy of one condition ≥ low %
//   noise_match         |measured mean ‖σ_d·n‖ − d̄| / d̄ ≤ high % on every dataset run
// Means are over the seeds. The headline ε of a dataset is the first of the protocol's ε list
// (the setting <dataset>_epsilons). A dataset absent from the datasets table (CINIC-10 not
// supplied) makes its rows "not run: dataset not available". Paper rows (R…) and the clean-accuracy
// floors need models trained on the full training split (§8.2): on a per-class subset (the quick
// profile's, or train_per_class) they are not run, with the sizes named. A row whose selection
// matches nothing in a table that exists is a FAIL that says why. Every outcome states the data
// source and sizes it used.
#include <string>
#include <vector>

#include "experiments/common/paper.hpp"

namespace qmlr::quantum_patches {

std::vector<std::string> check_ids(const experiments::ReferenceTable& reference);

std::vector<experiments::CheckOutcome> evaluate_checks(const experiments::ResultsFolder& results,
                                                       const experiments::ReferenceTable& reference);

}  // namespace qmlr::quantum_patches
