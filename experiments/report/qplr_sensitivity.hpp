#pragma once
// The report's section on the QPLR sensitivity study (docs/qplr.md §7.9): which of the choices the paper
// leaves unstated (student epochs, input scaling, the space the noise is added in) brings its
// accuracies back, and how the QPLR-vs-one-hot gap changes with it.
//
// Per dataset it compares the study's students M1 (one-hot) and M3 (QPLR soft labels) of
// sensitivity.csv (unclipped accuracy, mean over the seeds present) with the paper's cells at
// the probes the study evaluates and the paper reports (MNIST: σ 0.3, 0.5 and 0.4 + 20°;
// Fashion-MNIST: σ 0 and 0.3). One table row per setting (epochs, scaling, noise space), the
// paper's row first, and a generated paragraph naming the setting whose M1 is closest to the
// paper's (mean absolute difference over the probes) next to the protocol's own setting.
#include <string>

#include "experiments/report/figure.hpp"

namespace qmlr::report {

// The section's Markdown ("" when the results have no sensitivity.csv).
std::string qplr_sensitivity_section(const FigureInputs& inputs);

}  // namespace qmlr::report
