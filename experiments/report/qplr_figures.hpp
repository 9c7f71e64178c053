#pragma once
// QPLR's figures: student accuracy vs σ per method (unclipped noise, mean ± std over seeds) for
// MNIST, MNIST + 20° rotation and Fashion-MNIST, with the paper's Table 1–3/5–6 values as
// hollow diamonds of the method's colour. From results/qplr/robustness.csv; none when absent.
#include <vector>

#include "experiments/report/figure.hpp"

namespace qmlr::report {

std::vector<Figure> qplr_figures(const FigureInputs& inputs);

}  // namespace qmlr::report
