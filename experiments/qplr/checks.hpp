#pragma once
// QPLR's reference checks (docs/qplr.md §8.2–8.4) over a results folder and
// tests/reference/qplr.csv. Reference rows carry, besides the common columns, `kind` and the
// selection columns dataset (mnist | fashion_mnist), method, sigma, rotation:
//   kind = cell      mean unclipped test accuracy (%) of (dataset, method, sigma, rotation) over
//                    the seeds vs paper_value ± tolerance (pp)
//   kind = teacher   dataset: mean exact teacher test accuracy vs paper_value ± tolerance
//   kind = subset    dataset: mean share (%) of training images with largest shot label >= 0.9
//   kind = ordering  id O1..O9: the orderings and gaps of §8.4, evaluated in code on the means
// Only full-size runs (60,000 training and 10,000 test images, 20 student epochs) are compared.
// "not run" has two causes only: the table (or the row's dataset) is absent, or only
// reduced-size results exist; a row whose selection matches nothing else is a FAIL that says why.
#include <string>
#include <vector>

#include "experiments/common/paper.hpp"

namespace qmlr::qplr {

// The ids of every check implemented here: the paper's cells of Tables 1–3, 5 and 6, the two
// teacher accuracies, the MNIST subset share and O1–O9 (fixed by the paper, not by the file).
std::vector<std::string> check_ids(const experiments::ReferenceTable& reference);

std::vector<experiments::CheckOutcome> evaluate_checks(const experiments::ResultsFolder& results,
                                                       const experiments::ReferenceTable& reference);

}  // namespace qmlr::qplr
