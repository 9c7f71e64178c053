#pragma once
// Natural Quantization's figures, from analyse_sweeps() over results/natural_quantization/:
// the final-epoch validation error (15-shot vote and single pass, mean ± std over seeds) vs a
// (Model 1) and vs g (Model 2, a = 0), with the classical baseline e_b, chance, g = π/2 and our
// g_c marked. The paper's values were not recovered, so none are overlaid. None when absent.
#include <vector>

#include "experiments/report/figure.hpp"

namespace qmlr::report {

std::vector<Figure> natural_quantization_figures(const FigureInputs& inputs);

}  // namespace qmlr::report
