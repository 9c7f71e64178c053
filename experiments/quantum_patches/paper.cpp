#include "experiments/quantum_patches/paper.hpp"

#include "experiments/quantum_patches/checks.hpp"
#include "experiments/quantum_patches/figures.hpp"
#include "experiments/quantum_patches/settings.hpp"
#include "experiments/quantum_patches/stages.hpp"
#include "experiments/quantum_patches/tables.hpp"

namespace qmlr::quantum_patches {

const experiments::Paper& paper() {
    static const experiments::Paper definition{
        .name = "quantum_patches",
        .title = "Quantum Patches: Enhancing Robustness of Quantum Machine Learning Models (arXiv 2604.08827)",
        .summary = "ASR of a hybrid CNN + VQC model trained clean, with FGSM adversarial training, with quantum "
                   "patches or with matched Gaussian noise, under white-box FGSM and PGD.",
        .settings = settings_schema,
        .tables = table_schemas,
        .plan = plan_runs,
        .check_ids = check_ids,
        .checks = evaluate_checks,
        .figures = figures,
        .analysis = analysis,
    };
    return definition;
}

}  // namespace qmlr::quantum_patches
