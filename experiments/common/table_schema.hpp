#pragma once
// Every result table is declared once (docs/conventions.md §15): its key columns (name, type,
// accepted values), then `metric`, `value`, `unit`, with each metric's unit. The declaration is
// used by the writer (TableRows), the checks and figures (ResultTable), the smoke tests
// (the `results_table` tool) and the regression test, which parses every committed CSV
// completely against it. One unit per kind of quantity across all papers:
//   percent   accuracies, errors, attack success rates, shares, ECE
//   count     numbers of images
//   nats      negative log-likelihood
//   1         dimensionless (Brier score, κ_D, mask means)
//   l2        Euclidean distances of images in [0,1] pixel units
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/csv.hpp"

namespace qmlr::experiments {

enum class ColumnType { text, integer, real };

struct Column {
    std::string name{};
    ColumnType type = ColumnType::text;
    std::string help{};
    std::vector<std::string> choices{};  // text columns: the accepted values (empty: any non-empty text)
};

struct Metric {
    std::string name{}, unit{}, help{};
};

struct TableSchema {
    std::string name{};  // the file is <name>.csv
    std::string help{};
    std::vector<Column> keys{};
    std::vector<Metric> metrics{};

    std::string file_name() const { return name + ".csv"; }
    // The header: the key columns, then metric, value, unit.
    std::vector<std::string> columns() const;
    const Column* key(std::string_view column) const;
    const Metric* metric(std::string_view metric) const;
};

// A field of a key column: text, integer or real (the column's declared type).
using Field = std::variant<std::string, std::int64_t, double>;
Field text_field(std::string text);  // avoids const char* → bool surprises

// The canonical text of a field for `column`; an Error naming the table and column when the
// field has another type or is not one of the column's accepted values.
std::string field_text(const TableSchema& table, const Column& column, const Field& field);

// Rows of one table, checked against its declaration as they are added.
class TableRows {
public:
    explicit TableRows(const TableSchema& schema) : schema_(&schema) {}
    // `keys` in the declared order; the unit comes from the metric's declaration.
    void add(const std::vector<Field>& keys, std::string_view metric, double value);
    const TableSchema& schema() const { return *schema_; }
    std::size_t size() const { return rows_.size(); }
    // The CSV text: header and rows.
    std::string csv() const;

private:
    const TableSchema* schema_;
    std::vector<std::vector<std::string>> rows_;
};

// A committed or freshly merged table, parsed completely: the header must equal the
// declaration, every field must parse as its column's type and lie among its accepted values,
// every metric must be declared and carry its unit. Any deviation is an Error naming the file,
// the row (1-based, header = 1) and the column.
class ResultTable {
public:
    ResultTable(const TableSchema& schema, const std::filesystem::path& path);
    ResultTable(const TableSchema& schema, std::string_view csv_text, const std::string& source);

    // Selection: every (column, field) must hold; columns are key columns or "metric". Asking
    // for an undeclared column, a field of the wrong type or a text outside the column's
    // accepted values is an Error (a misspelt filter never silently matches nothing).
    using Filter = std::vector<std::pair<std::string, Field>>;
    std::vector<double> values(const Filter& where) const;
    // The rows that match, as indices for the accessors below.
    std::vector<std::size_t> rows(const Filter& where) const;
    // Why `where` matches no row: the first condition that no row meets together with the ones
    // before it, and the values the column does hold ("no row has sigma = 0.25 among the rows
    // with dataset = MNIST; sigma holds 0, 0.1, 0.2"). Empty when some row matches.
    std::string explain_no_match(const Filter& where) const;

    std::size_t row_count() const { return table_.row_count(); }
    const std::string& text(std::size_t row, std::string_view column) const { return table_.at(row, column); }
    std::int64_t integer(std::size_t row, std::string_view column) const;
    double real(std::size_t row, std::string_view column) const;  // real or integer column, or "value"
    double value(std::size_t row) const { return real(row, "value"); }
    // The distinct texts of a column, in order of first appearance.
    std::vector<std::string> distinct(std::string_view column) const;
    const TableSchema& schema() const { return *schema_; }
    const std::string& source() const { return source_; }

private:
    void validate() const;
    bool matches(std::size_t row, const std::vector<std::pair<std::size_t, std::string>>& where) const;

    const TableSchema* schema_;
    CsvTable table_;
    std::string source_;
};

}  // namespace qmlr::experiments
