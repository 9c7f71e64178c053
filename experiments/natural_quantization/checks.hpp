#pragma once
// The reference checks of docs/natural_quantization.md (§9.3 at sweep level, §9.4) over the
// committed results in results/natural_quantization/, against
// tests/reference/natural_quantization.csv. The paper's numbers were not recovered, so every check
// is a shape check or an exact identity.
#include <filesystem>
#include <vector>

#include "experiments/common/checks.hpp"

namespace qmlr::natural_quantization {

std::vector<experiments::CheckOutcome> evaluate_checks(const std::filesystem::path& results_dir,
                                                       const experiments::ReferenceTable& reference);

}  // namespace qmlr::natural_quantization
