#include "experiments/natural_quantization/paper.hpp"

#include "experiments/natural_quantization/checks.hpp"
#include "experiments/natural_quantization/figures.hpp"
#include "experiments/natural_quantization/settings.hpp"
#include "experiments/natural_quantization/stages.hpp"
#include "experiments/natural_quantization/tables.hpp"

namespace qmlr::natural_quantization {

const experiments::Paper& paper() {
    static const experiments::Paper definition{
        .name = "natural_quantization",
        .title = "Natural Quantization of Neural Networks (arXiv 2503.15482)",
        .summary = "Sweeps of 'Natural Quantization of Neural Networks' (arXiv 2503.15482): Model 1 over a, Model 2 "
                   "over g, the classical sign network; MNIST, validation by majority vote over stochastic passes.",
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

}  // namespace qmlr::natural_quantization
