#pragma once
// Every paper's reference checks, in one list: the regression test and the report both walk it.
// A paper is registered by adding its entry in paper_checks.cpp.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "experiments/common/checks.hpp"

namespace qmlr::experiments {

struct PaperChecks {
    std::string paper;  // folder name: results/<paper>/ and tests/reference/<paper>.csv
    std::string title;  // e.g. "Natural Quantization of Neural Networks (arXiv 2503.15482)"
    // Evaluates every reference row against the results in `results_dir`; rows whose results are
    // absent come back as not run, with the reason.
    std::function<std::vector<CheckOutcome>(const std::filesystem::path& results_dir,
                                            const ReferenceTable& reference)>
        evaluate;
};

const std::vector<PaperChecks>& all_paper_checks();

}  // namespace qmlr::experiments
