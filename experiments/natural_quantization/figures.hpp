#pragma once
// Natural Quantization's figures, from the sweep tables and the derived table of a results
// folder: the final-epoch validation error (15-shot vote and single pass, mean ± std over seeds)
// vs a (Model 1) and vs g (Model 2), with the classical baseline e_b, chance, g = π/2 and our g_c
// marked. The paper's values were not recovered, so none are overlaid. None when a table is absent.
#include <string>
#include <vector>

#include "experiments/common/figure.hpp"

namespace qmlr::natural_quantization {

std::vector<experiments::Figure> figures(const experiments::FigureInputs& inputs);
// No analysis beyond the figures and checks: "".
std::string analysis(const experiments::FigureInputs& inputs);

}  // namespace qmlr::natural_quantization
