#pragma once
// What each registered paper adds to its report section beyond the checks (by its folder name
// in experiments/paper_checks.cpp): figures, and analysis sections in Markdown. A paper without
// such code, or without results, has none.
#include <string>
#include <vector>

#include "experiments/report/figure.hpp"

namespace qmlr::report {

std::vector<Figure> paper_figures(const std::string& paper, const FigureInputs& inputs);
// Markdown placed after the figures ("" when none).
std::string paper_analysis(const std::string& paper, const FigureInputs& inputs);

}  // namespace qmlr::report
