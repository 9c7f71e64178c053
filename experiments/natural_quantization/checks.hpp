#pragma once
// The reference checks of docs/natural_quantization.md (§9.3 at sweep level, §9.4) over a results
// folder, against tests/reference/natural_quantization.csv. The paper's numbers were not
// recovered, so every check is a shape check or an exact identity. The quantities of §9.4 come
// from the derived table, the per-configuration errors and the identities from the sweep tables.
#include <string>
#include <vector>

#include "experiments/common/checks.hpp"
#include "experiments/common/paper.hpp"

namespace qmlr::natural_quantization {

// C1–C4, C6–C8, E1s, E2s.
std::vector<std::string> check_ids(const experiments::ReferenceTable& reference);
// One outcome per reference row.
std::vector<experiments::CheckOutcome> evaluate_checks(const experiments::ResultsFolder& results,
                                                       const experiments::ReferenceTable& reference);

}  // namespace qmlr::natural_quantization
