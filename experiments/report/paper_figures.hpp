#pragma once
// Which figures each registered paper has (by its folder name in experiments/paper_checks.cpp).
// A paper without figure code, or without results, has none.
#include <string>
#include <vector>

#include "experiments/report/figure.hpp"

namespace qmlr::report {

std::vector<Figure> paper_figures(const std::string& paper, const FigureInputs& inputs);

}  // namespace qmlr::report
