#pragma once
// The report program's work: for every paper of experiments/papers.list, evaluate its
// reference checks, read its meta file, draw its figures and read its protocol notes; then write
// <out>/REPORT.md and <out>/figures/<file>.svg, each atomically. <out>/figures/ holds exactly the
// report's figures: an .svg there that the report no longer draws (say, of results since
// removed) is deleted. A paper without results is reported as not run; nothing fails because of it.
#include <filesystem>
#include <string>
#include <vector>

#include "experiments/report/report_document.hpp"

namespace qmlr::report {

struct ReportPaths {
    std::filesystem::path results = "results";            // <paper>/ per paper
    std::filesystem::path reference = "tests/reference";  // <paper>.csv per paper
    std::filesystem::path protocols = "experiments";      // <paper>/protocol.md per paper
    std::filesystem::path out = "results";                // REPORT.md and figures/
};

std::vector<PaperReport> gather_reports(const ReportPaths& paths);

// Returns the files written, REPORT.md last.
std::vector<std::filesystem::path> write_report(const ReportPaths& paths);

}  // namespace qmlr::report
