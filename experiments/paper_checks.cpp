#include "experiments/paper_checks.hpp"

#include "experiments/quantum_patches/checks.hpp"

namespace qmlr::experiments {

const std::vector<PaperChecks>& all_paper_checks() {
    // One entry per paper: {folder name, title, <paper>::evaluate_checks}.
    static const std::vector<PaperChecks> papers = {
        {"quantum_patches", "Quantum Patches: Enhancing Robustness of Quantum Machine Learning Models (arXiv 2604.08827)",
         quantum_patches::evaluate_checks},
    };
    return papers;
}

}  // namespace qmlr::experiments
