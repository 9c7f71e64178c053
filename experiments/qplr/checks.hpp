#pragma once
// QPLR's reference checks (docs/qplr.md §8.2–8.4) over results/qplr/ and tests/reference/qplr.csv.
// Reference rows carry, besides the common columns, `kind` and selection columns:
//   kind = cell      dataset, method, sigma, rotation: mean unclipped test accuracy (%) over
//                    seeds vs paper_value ± tolerance (pp)
//   kind = teacher   dataset: mean exact teacher test accuracy vs paper_value ± tolerance
//   kind = subset    dataset: mean share (%) of training images with max shot label >= 0.9
//   kind = ordering  id O1..O9: the orderings and gaps of §8.4 (O9: the 1–2.5 point clean
//                    cost), evaluated in code on the means
// Only full-size runs (60,000 training and 10,000 test images, 20 student epochs) are compared;
// absent results or reduced-size runs make a row not run, with the reason.
#include <filesystem>
#include <vector>

#include "experiments/common/checks.hpp"

namespace qmlr::qplr {

std::vector<experiments::CheckOutcome> evaluate_checks(const std::filesystem::path& results_dir,
                                                       const experiments::ReferenceTable& reference);

}  // namespace qmlr::qplr
