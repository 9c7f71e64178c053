#include "core/csv.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/error.hpp"

namespace qmlr {

std::string format_number(double value) {
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

namespace {

bool needs_quotes(std::string_view field) {
    return field.find_first_of(",\"\r\n") != std::string_view::npos;
}

std::string csv_quoted(std::string_view field) {
    std::string text = "\"";
    for (char c : field) {
        if (c == '"') text += '"';
        text += c;
    }
    return text + "\"";
}

}  // namespace

CsvWriter::CsvWriter(std::filesystem::path path, std::vector<std::string> columns)
    : file_(std::move(path)), columns_(std::move(columns)) {
    if (columns_.empty()) throw Error("a CSV file needs at least one column: " + file_.target().string());
    write_fields(columns_);
}

void CsvWriter::add_row(const std::vector<std::string>& fields) {
    if (fields.size() != columns_.size())
        throw Error(file_.target().string() + ": a row needs " + std::to_string(columns_.size()) +
                    " fields (one per column), got " + std::to_string(fields.size()));
    write_fields(fields);
}

void CsvWriter::write_fields(const std::vector<std::string>& fields) { file_.stream() << csv_line(fields); }

std::string csv_line(const std::vector<std::string>& fields) {
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) line += ',';
        line += needs_quotes(fields[i]) ? csv_quoted(fields[i]) : fields[i];
    }
    return line + '\n';
}

CsvTable::CsvTable(std::vector<std::string> columns, std::vector<std::vector<std::string>> rows,
                   std::string source)
    : columns_(std::move(columns)), rows_(std::move(rows)), source_(std::move(source)) {}

std::size_t CsvTable::column(std::string_view name) const {
    for (std::size_t i = 0; i < columns_.size(); ++i)
        if (columns_[i] == name) return i;
    std::string known;
    for (const auto& c : columns_) known += (known.empty() ? "" : ", ") + c;
    throw Error(source_ + ": expected a column '" + std::string(name) + "', found only: " + known);
}

const std::string& CsvTable::at(std::size_t row, std::string_view column_name) const {
    return rows_.at(row)[column(column_name)];
}

CsvTable parse_csv(std::string_view text, const std::string& source) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool in_quotes = false, field_started = false;
    std::size_t line = 1;

    auto end_field = [&] {
        record.push_back(std::move(field));
        field.clear();
        field_started = false;
    };
    auto end_record = [&] {
        end_field();
        records.push_back(std::move(record));
        record.clear();
    };

    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_quotes) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                in_quotes = false;
            } else {
                if (c == '\n') ++line;
                field += c;
            }
        } else if (c == '"' && !field_started && field.empty()) {
            in_quotes = field_started = true;
        } else if (c == ',') {
            end_field();
        } else if (c == '\n') {
            end_record();
            ++line;
        } else if (c != '\r') {
            field += c;
            field_started = true;
        }
    }
    if (in_quotes) throw Error(source + ": a quoted field opened before line " + std::to_string(line) + " never closes");
    if (!field.empty() || !record.empty()) end_record();
    if (records.empty()) throw Error(source + ": expected a header row, found an empty file");

    std::vector<std::string> columns = std::move(records.front());
    records.erase(records.begin());
    for (std::size_t r = 0; r < records.size(); ++r)
        if (records[r].size() != columns.size())
            throw Error(source + ": data row " + std::to_string(r + 1) + " has " +
                        std::to_string(records[r].size()) + " fields, the header has " +
                        std::to_string(columns.size()));
    return CsvTable(std::move(columns), std::move(records), source);
}

CsvTable read_csv(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot open " + path.string() + ": no such file or not readable");
    std::ostringstream text;
    text << in.rdbuf();
    return parse_csv(text.str(), path.string());
}

}  // namespace qmlr
