#include "experiments/paper_checks.hpp"

#include "experiments/natural_quantization/checks.hpp"
#include "experiments/qplr/checks.hpp"
#include "experiments/quantum_patches/checks.hpp"

namespace qmlr::experiments {

const std::vector<PaperChecks>& all_paper_checks() {
    // One entry per paper: {folder name, title, <paper>::evaluate_checks}.
    static const std::vector<PaperChecks> papers = {
        {"natural_quantization", "Natural Quantization of Neural Networks (arXiv 2503.15482)",
         natural_quantization::evaluate_checks},
        {"qplr", "Quantum Probabilistic Label Refining (arXiv 2510.00528)", qplr::evaluate_checks},
        {"quantum_patches", "Quantum Patches: Enhancing Robustness of Quantum Machine Learning Models (arXiv 2604.08827)",
         quantum_patches::evaluate_checks},
    };
    return papers;
}

}  // namespace qmlr::experiments
