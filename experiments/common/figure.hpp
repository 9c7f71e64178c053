#pragma once
// One figure of the report: written to <report>/figures/<file>, shown in REPORT.md under its
// caption. A paper's figures.cpp makes them from its results folder.
#include <filesystem>
#include <string>
#include <vector>

#include "experiments/common/checks.hpp"

namespace qmlr::experiments {

class ResultsFolder;  // paper.hpp

struct Figure {
    std::string file;     // e.g. "qplr_accuracy_mnist.svg"
    std::string caption;  // one Markdown sentence or two
    std::string svg;
};

// What a paper's figure code reads: its parsed results, its reference table (the paper's
// values to overlay) and the profile the results were produced with (shown in the titles).
struct FigureInputs {
    const ResultsFolder& results;
    const ReferenceTable& reference;
    std::string profile;
};

}  // namespace qmlr::experiments
