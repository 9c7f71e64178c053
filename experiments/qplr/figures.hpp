#pragma once
// QPLR's figures and the report's analysis, from the declared tables of a results folder.
// Figures: student accuracy vs σ per method (unclipped noise, mean ± std over seeds) for MNIST,
// MNIST + 20° rotation and Fashion-MNIST, with the paper's Table 1–3/5–6 values as hollow
// diamonds of the method's colour (robustness); the clean-test reliability diagrams of M1–M3
// (reliability). None for an absent table.
//
// Analysis: the sensitivity study (docs/qplr.md §7.9): which of the choices the paper leaves
// unstated (student epochs, input scaling, the space the noise is added in) brings its
// accuracies back, and how the QPLR-vs-one-hot gap changes with it. Per dataset it compares the
// study's students M1 (one-hot) and M3 (QPLR soft labels) (unclipped accuracy, mean over the
// seeds present) with the paper's cells at the probes the study evaluates and the paper reports
// (MNIST: σ 0.3, 0.5 and 0.4 + 20°; Fashion-MNIST: σ 0 and 0.3): one table row per setting
// (epochs, scaling, noise space), the paper's row first, and a generated paragraph naming the
// setting whose M1 is closest to the paper's (mean absolute difference over the probes) next to
// the protocol's own setting. "" without sensitivity and robustness tables.
#include <string>
#include <vector>

#include "experiments/common/figure.hpp"

namespace qmlr::qplr {

std::vector<experiments::Figure> figures(const experiments::FigureInputs& inputs);
std::string analysis(const experiments::FigureInputs& inputs);

}  // namespace qmlr::qplr
