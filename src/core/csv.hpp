#pragma once
// Tidy CSV files: a header row, then one measurement per row. Writing is atomic (the file
// appears complete or not at all); reading checks every row has the header's field count.
// Quoting follows RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/atomic_file.hpp"

namespace qmlr {

// Shortest decimal text that reads back to the same double (std::to_chars), so CSVs are
// exact and byte-identical across runs; NaN and infinities print as nan, inf, -inf.
std::string format_number(double value);

// One CSV line (with its '\n'), fields quoted where needed.
std::string csv_line(const std::vector<std::string>& fields);

class CsvWriter {
public:
    CsvWriter(std::filesystem::path path, std::vector<std::string> columns);

    // One row; the field count must match the header (else an Error naming both counts).
    void add_row(const std::vector<std::string>& fields);
    const std::vector<std::string>& columns() const { return columns_; }
    // Renames the finished file into place; without it nothing is written.
    void commit() { file_.commit(); }

private:
    void write_fields(const std::vector<std::string>& fields);

    AtomicFile file_;
    std::vector<std::string> columns_;
};

class CsvTable {
public:
    CsvTable(std::vector<std::string> columns, std::vector<std::vector<std::string>> rows,
             std::string source);

    const std::vector<std::string>& columns() const { return columns_; }
    std::size_t row_count() const { return rows_.size(); }
    const std::vector<std::string>& row(std::size_t i) const { return rows_[i]; }
    // Index of a column (an Error naming the file and its columns when absent).
    std::size_t column(std::string_view name) const;
    const std::string& at(std::size_t row, std::string_view column_name) const;

private:
    std::vector<std::string> columns_;
    std::vector<std::vector<std::string>> rows_;
    std::string source_;
};

CsvTable read_csv(const std::filesystem::path& path);
// Parses CSV text; `source` names it in error messages.
CsvTable parse_csv(std::string_view text, const std::string& source);

}  // namespace qmlr
