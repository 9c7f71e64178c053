#include "experiments/qplr/paper.hpp"

#include "experiments/qplr/checks.hpp"
#include "experiments/qplr/figures.hpp"
#include "experiments/qplr/settings.hpp"
#include "experiments/qplr/stages.hpp"
#include "experiments/qplr/tables.hpp"

namespace qmlr::qplr {

const experiments::Paper& paper() {
    static const experiments::Paper definition{
        .name = "qplr",
        .title = "Quantum Probabilistic Label Refining (arXiv 2510.00528)",
        .summary = "Quantum Probabilistic Label Refining (arXiv 2510.00528): teacher, soft labels, students, "
                   "robustness, calibration, attacks and the sensitivity study on MNIST and Fashion-MNIST.",
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

}  // namespace qmlr::qplr
