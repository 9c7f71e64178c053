#include "experiments/paper_checks.hpp"

#include "experiments/qplr/checks.hpp"

namespace qmlr::experiments {

const std::vector<PaperChecks>& all_paper_checks() {
    // One entry per paper: {folder name, title, <paper>::evaluate_checks}.
    static const std::vector<PaperChecks> papers = {
        {"qplr", "Quantum Probabilistic Label Refining (arXiv 2510.00528)", qplr::evaluate_checks},
    };
    return papers;
}

}  // namespace qmlr::experiments
