#pragma once
// A paper of the suite, as the one driver (paper_program.hpp), the regression test and the report
// see it. Every paper is a folder experiments/<name>/ with the same files:
//   paper.cpp      this definition                      settings.cpp  its declared settings
//   stages.cpp     the plan: its runs and what they do  tables.cpp    its declared tables
//   checks.cpp     its reference checks                 figures.cpp   its figures and analysis
//   main.cpp       main() = run_paper_program           protocol.md   its protocol decisions
// (plus the files of its own computations), and it is registered once, by a line in
// experiments/papers.list, which meson, the Makefile, reproduce.sh, the report and the regression
// test all read.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "experiments/common/checks.hpp"
#include "experiments/common/figure.hpp"
#include "experiments/common/run_plan.hpp"
#include "experiments/common/settings.hpp"
#include "experiments/common/table_schema.hpp"

namespace qmlr::experiments {

struct PlanInputs {
    const Settings& settings;
    std::filesystem::path data;  // --data
};

// A paper's results folder as its checks and figures read it: every declared table that is
// present, parsed completely against its declaration.
class ResultsFolder {
public:
    // An Error when the folder holds an interrupted publication or a table does not parse.
    ResultsFolder(const std::vector<TableSchema>& tables, const std::filesystem::path& directory);
    const std::filesystem::path& directory() const { return directory_; }
    // nullptr when the table is absent.
    const ResultTable* table(std::string_view name) const;
    bool any() const;

private:
    std::filesystem::path directory_;
    std::vector<std::pair<std::string, std::optional<ResultTable>>> tables_;
};

struct Paper {
    std::string name;     // folder name: experiments/<name>/, results/<name>/, tests/reference/<name>.csv
    std::string title;    // "Quantum Probabilistic Label Refining (arXiv 2510.00528)"
    std::string summary;  // one sentence for --help
    std::function<const SettingsSchema&()> settings;
    std::function<const std::vector<TableSchema>&()> tables;
    std::function<RunPlan(const PlanInputs&)> plan;
    // The ids of every reference check the paper implements; the reference table must hold
    // exactly these rows (a missing or unmatched row is a FAIL naming it).
    std::function<std::vector<std::string>(const ReferenceTable&)> check_ids;
    // One outcome per reference row.
    std::function<std::vector<CheckOutcome>(const ResultsFolder&, const ReferenceTable&)> checks;
    // Optional: the report's figures, and Markdown sections placed after them.
    std::function<std::vector<Figure>(const FigureInputs&)> figures;
    std::function<std::string(const FigureInputs&)> analysis;
};

// Every registered paper, in papers.list order, and one by name (an Error listing the registered
// names when there is none): defined in the registry meson generates from experiments/papers.list,
// which the report, the regression test and the tools link (a paper's own program does not).
const std::vector<const Paper*>& all_papers();
const Paper& find_paper(std::string_view name);

// The outcomes of a paper's checks against a results folder, reconciled with its reference
// table: a reference row without an outcome, an outcome without a row and an expected check id
// without a row are FAILs naming the row; a table that does not parse is a FAIL naming it.
std::vector<CheckOutcome> evaluate_paper(const Paper& paper, const std::filesystem::path& results_dir,
                                         const ReferenceTable& reference);

}  // namespace qmlr::experiments
