#pragma once
// Comparing committed results with a paper's reference table, tests/reference/<paper>.csv. Each
// reference row is one check, with at least the columns
//   id, source, description, paper_value, tolerance, known_deviation
// (plus whatever columns the paper's check code selects results by). known_deviation is empty,
// or the one-line reason why our faithful reproduction differs from the paper. A paper's check
// code evaluates every row against its results and calls judge() or not_run(); the regression
// test and the report print the same outcomes.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/csv.hpp"

namespace qmlr::experiments {

enum class Verdict { match, known_deviation, not_run, fail };
std::string to_string(Verdict verdict);

struct CheckOutcome {
    std::string id, source, description;
    std::string paper;      // the paper's value or claim, as text
    std::string ours;       // ours, e.g. "96.41 ± 0.22 (n=3)"
    std::string tolerance;  // as text, e.g. "±1.0 pp"
    Verdict verdict = Verdict::fail;
    std::string reason;     // the deviation's reason, why it was not run, or why it failed
};

class ReferenceRow {
public:
    ReferenceRow(const CsvTable& table, std::size_t row) : table_(&table), row_(row) {}
    const std::string& id() const { return text("id"); }
    const std::string& text(std::string_view column) const { return table_->at(row_, column); }
    // An Error naming the file, the row and the column when the field is not a number.
    double number(std::string_view column) const;

private:
    const CsvTable* table_;
    std::size_t row_;
};

class ReferenceTable {
public:
    // Checks the required columns are present and every id is unique.
    explicit ReferenceTable(const std::filesystem::path& path);
    std::size_t size() const { return table_.row_count(); }
    ReferenceRow row(std::size_t i) const { return ReferenceRow(table_, i); }
    // An Error naming the file when no row has this id.
    ReferenceRow find(std::string_view id) const;

private:
    CsvTable table_;
    std::string source_;
};

// The outcome of an evaluated check; `holds` says whether ours meets the row's criterion.
// A row marked known_deviation that fails is reported as that deviation. One that holds is a
// failure as well ("stale known_deviation"), so the marks in the reference stay true.
CheckOutcome judge(const ReferenceRow& row, bool holds, std::string ours, std::string detail = "");
CheckOutcome not_run(const ReferenceRow& row, std::string reason);
// A FAIL of the row whatever its known_deviation mark says (a key that matches no result, …).
CheckOutcome failed(const ReferenceRow& row, std::string reason);
std::vector<CheckOutcome> all_not_run(const ReferenceTable& reference, const std::string& reason);

// Mean and sample standard deviation (n − 1; 0 for one value) over seeds.
struct SeedSummary {
    double mean = 0, std = 0;
    std::size_t n = 0;
};
SeedSummary summarize(const std::vector<double>& values);
// "96.41 ± 0.22 (n=3)" with `decimals` digits after the point; "96.41 (n=1)" for one seed.
std::string format_summary(const SeedSummary& summary, int decimals);

}  // namespace qmlr::experiments
