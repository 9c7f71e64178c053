#pragma once
// One figure of the report: written to <out>/figures/<file>, shown in REPORT.md under its caption.
#include <filesystem>
#include <string>
#include <vector>

#include "experiments/common/checks.hpp"

namespace qmlr::report {

struct Figure {
    std::string file;     // e.g. "qplr_accuracy_mnist.svg"
    std::string caption;  // one Markdown sentence or two
    std::string svg;
};

// What a paper's figure code reads: its results folder, its reference table (the paper's
// values to overlay) and the profile the results were produced with (shown in the titles).
struct FigureInputs {
    std::filesystem::path results_dir;
    const experiments::ReferenceTable& reference;
    std::string profile;
};

// The distinct values of `column` in `table`, in order of first appearance.
std::vector<std::string> distinct_values(const CsvTable& table, std::string_view column);
// A number field of a results or reference table; `what` names it in the Error otherwise.
double parse_field(const std::string& text, const std::string& what);

}  // namespace qmlr::report
