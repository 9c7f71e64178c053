#include "experiments/common/paper.hpp"

#include <algorithm>
#include <set>

#include "core/error.hpp"
#include "experiments/common/results_publisher.hpp"

namespace qmlr::experiments {

namespace fs = std::filesystem;

ResultsFolder::ResultsFolder(const std::vector<TableSchema>& tables, const fs::path& directory)
    : directory_(directory) {
    require(!publication_pending(directory), directory.string() + " holds an interrupted publication of new tables "
                                                                  "(.publish-journal); rerun its program to finish it");
    std::set<std::string> declared;
    for (const TableSchema& schema : tables) {
        declared.insert(schema.file_name());
        const fs::path path = directory / schema.file_name();
        tables_.emplace_back(schema.name, std::nullopt);
        if (fs::exists(path)) tables_.back().second.emplace(schema, path);
    }
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(directory, error)) {
        const std::string name = entry.path().filename().string();
        require(entry.path().extension() != ".csv" || declared.count(name) == 1,
                entry.path().string() + " is not a declared table of this paper (its tables.cpp declares them); "
                                        "delete it or declare it");
    }
}

const ResultTable* ResultsFolder::table(std::string_view name) const {
    for (const auto& [table_name, table] : tables_)
        if (table_name == name) return table ? &*table : nullptr;
    throw Error("internal: table '" + std::string(name) + "' is not declared");
}

bool ResultsFolder::any() const {
    return std::any_of(tables_.begin(), tables_.end(), [](const auto& t) { return t.second.has_value(); });
}

std::vector<CheckOutcome> evaluate_paper(const Paper& paper, const fs::path& results_dir,
                                         const ReferenceTable& reference) {
    const ResultsFolder results(paper.tables(), results_dir);
    const std::vector<CheckOutcome> evaluated = paper.checks(results, reference);
    const std::vector<std::string> expected = paper.check_ids(reference);
    const auto is_expected = [&](const std::string& id) {
        return std::find(expected.begin(), expected.end(), id) != expected.end();
    };
    std::vector<CheckOutcome> outcomes;
    std::set<std::string> in_reference;
    for (std::size_t i = 0; i < reference.size(); ++i) {
        const ReferenceRow row = reference.row(i);
        in_reference.insert(row.id());
        if (!is_expected(row.id())) {
            outcomes.push_back(failed(row, "no check of " + paper.name + " implements this row (a renamed or "
                                           "misspelt id?); the checks are listed in experiments/" + paper.name +
                                           "/checks.cpp"));
            continue;
        }
        const auto count = std::count_if(evaluated.begin(), evaluated.end(),
                                         [&](const CheckOutcome& o) { return o.id == row.id(); });
        if (count != 1) {
            outcomes.push_back(failed(row, "evaluated " + std::to_string(count) + " times (expected once)"));
            continue;
        }
        outcomes.push_back(*std::find_if(evaluated.begin(), evaluated.end(),
                                         [&](const CheckOutcome& o) { return o.id == row.id(); }));
    }
    for (const std::string& id : expected) {
        if (in_reference.count(id)) continue;
        CheckOutcome missing;
        missing.id = id;
        missing.source = missing.description = missing.paper = missing.ours = missing.tolerance = "—";
        missing.verdict = Verdict::fail;
        missing.reason = "tests/reference/" + paper.name + ".csv has no row '" + id +
                         "' (deleted or renamed?); every check needs its reference row";
        outcomes.push_back(std::move(missing));
    }
    return outcomes;
}

}  // namespace qmlr::experiments
