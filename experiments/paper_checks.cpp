#include "experiments/paper_checks.hpp"

namespace qmlr::experiments {

const std::vector<PaperChecks>& all_paper_checks() {
    // One entry per paper: {folder name, title, <paper>::evaluate_checks}.
    static const std::vector<PaperChecks> papers = {
    };
    return papers;
}

}  // namespace qmlr::experiments
