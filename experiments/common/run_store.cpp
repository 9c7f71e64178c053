#include "experiments/common/run_store.hpp"

#include "core/csv.hpp"
#include "core/error.hpp"

namespace qmlr::experiments {

namespace {

bool file_name_safe(std::string_view name) {
    if (name.empty()) return false;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '_' || c == '.';
        if (!ok) return false;
    }
    return true;
}

}  // namespace

RunStore::RunStore(const std::filesystem::path& out_directory) : directory_(out_directory / "runs") {}

std::filesystem::path RunStore::file(const RunId& run, std::string_view extension) const {
    require(file_name_safe(run.name), "a run name must be non-empty and use only letters, digits, "
                                      "'-', '_' and '.'; got '" + run.name + "'");
    return directory_ / (run.stem() + "." + std::string(extension));
}

void merge_run_tables(const RunStore& store, const std::vector<RunId>& runs,
                      const std::filesystem::path& output) {
    require(!runs.empty(), "nothing to merge into " + output.string() + ": the run list is empty");
    std::vector<CsvTable> tables;
    std::size_t missing = 0;
    std::string first_missing;
    for (const RunId& run : runs) {
        if (!store.finished(run)) {
            if (missing++ == 0) first_missing = run.name;
            continue;
        }
        tables.push_back(read_csv(store.file(run, "csv")));
    }
    if (missing > 0)
        throw Error("cannot write " + output.string() + ": " + std::to_string(missing) + " of " +
                    std::to_string(runs.size()) + " runs have not finished (first: " + first_missing +
                    " in " + store.directory().string() +
                    "); run the remaining shards, then merge again");
    CsvWriter writer(output, tables.front().columns());
    for (std::size_t t = 0; t < tables.size(); ++t) {
        require(tables[t].columns() == writer.columns(),
                "cannot merge " + store.file(runs[t], "csv").string() +
                    ": its header differs from the first run's (" +
                    store.file(runs.front(), "csv").string() + "); delete stale runs and rerun");
        for (std::size_t r = 0; r < tables[t].row_count(); ++r) writer.add_row(tables[t].row(r));
    }
    writer.commit();
}

}  // namespace qmlr::experiments
