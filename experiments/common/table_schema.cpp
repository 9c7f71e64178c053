#include "experiments/common/table_schema.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/error.hpp"

namespace qmlr::experiments {

namespace {

const char* type_name(ColumnType type) {
    switch (type) {
        case ColumnType::text: return "text";
        case ColumnType::integer: return "integer";
        case ColumnType::real: return "number";
    }
    return "?";
}

bool parses_integer(const std::string& text, std::int64_t& value) {
    const auto r = std::from_chars(text.data(), text.data() + text.size(), value);
    return r.ec == std::errc() && r.ptr == text.data() + text.size() && !text.empty();
}

// Reals are written by format_number: finite decimals, or nan / inf / -inf.
bool parses_real(const std::string& text, double& value) {
    if (text == "nan" || text == "inf" || text == "-inf") {
        value = text == "nan" ? std::nan("") : (text == "inf" ? INFINITY : -INFINITY);
        return true;
    }
    const auto r = std::from_chars(text.data(), text.data() + text.size(), value);
    return r.ec == std::errc() && r.ptr == text.data() + text.size() && !text.empty();
}

std::string join(const std::vector<std::string>& items) {
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i) text += (i ? ", " : "") + items[i];
    return text;
}

// Why `text` is not a valid field of `column` ("" when it is).
std::string field_problem(const Column& column, const std::string& text) {
    std::int64_t integer = 0;
    double real = 0;
    switch (column.type) {
        case ColumnType::integer:
            return parses_integer(text, integer) ? "" : "expected an integer, found '" + text + "'";
        case ColumnType::real:
            return parses_real(text, real) ? "" : "expected a number, found '" + text + "'";
        case ColumnType::text:
            if (text.empty()) return "expected a text, found an empty field";
            if (!column.choices.empty() && std::find(column.choices.begin(), column.choices.end(), text) ==
                                               column.choices.end())
                return "expected one of {" + join(column.choices) + "}, found '" + text + "'";
            return "";
    }
    return "";
}

}  // namespace

std::vector<std::string> TableSchema::columns() const {
    std::vector<std::string> names;
    for (const Column& c : keys) names.push_back(c.name);
    names.insert(names.end(), {"metric", "value", "unit"});
    return names;
}

const Column* TableSchema::key(std::string_view column) const {
    for (const Column& c : keys)
        if (c.name == column) return &c;
    return nullptr;
}

const Metric* TableSchema::metric(std::string_view name) const {
    for (const Metric& m : metrics)
        if (m.name == name) return &m;
    return nullptr;
}

Field text_field(std::string text) { return Field(std::move(text)); }

std::string field_text(const TableSchema& table, const Column& column, const Field& field) {
    const std::string where = table.file_name() + " column " + column.name;
    std::string text;
    if (const auto* s = std::get_if<std::string>(&field)) {
        require(column.type == ColumnType::text, where + " holds " + type_name(column.type) + "s, given the text '" + *s + "'");
        text = *s;
    } else if (const auto* i = std::get_if<std::int64_t>(&field)) {
        require(column.type == ColumnType::integer, where + " holds " + std::string(type_name(column.type)) +
                                                         "s, given the integer " + std::to_string(*i));
        text = std::to_string(*i);
    } else {
        const double d = std::get<double>(field);
        require(column.type == ColumnType::real, where + " holds " + std::string(type_name(column.type)) +
                                                      "s, given the number " + format_number(d));
        text = format_number(d);
    }
    const std::string problem = field_problem(column, text);
    require(problem.empty(), where + ": " + problem);
    return text;
}

void TableRows::add(const std::vector<Field>& keys, std::string_view metric, double value) {
    const TableSchema& s = *schema_;
    require(keys.size() == s.keys.size(), s.file_name() + ": a row needs " + std::to_string(s.keys.size()) +
                                              " key fields, given " + std::to_string(keys.size()));
    const Metric* m = s.metric(metric);
    require(m != nullptr, s.file_name() + ": metric '" + std::string(metric) + "' is not declared");
    std::vector<std::string> row;
    row.reserve(keys.size() + 3);
    for (std::size_t i = 0; i < keys.size(); ++i) row.push_back(field_text(s, s.keys[i], keys[i]));
    row.insert(row.end(), {m->name, format_number(value), m->unit});
    rows_.push_back(std::move(row));
}

std::string TableRows::csv() const {
    std::string text = csv_line(schema_->columns());
    for (const auto& row : rows_) text += csv_line(row);
    return text;
}

ResultTable::ResultTable(const TableSchema& schema, const std::filesystem::path& path)
    : schema_(&schema), table_(read_csv(path)), source_(path.string()) {
    validate();
}

ResultTable::ResultTable(const TableSchema& schema, std::string_view csv_text, const std::string& source)
    : schema_(&schema), table_(parse_csv(csv_text, source)), source_(source) {
    validate();
}

void ResultTable::validate() const {
    const std::vector<std::string> expected = schema_->columns();
    require(table_.columns() == expected, source_ + ": the header is '" + join(table_.columns()) +
                                              "'; the declared columns of " + schema_->name + " are '" +
                                              join(expected) + "' (regenerate the table with its program)");
    const std::size_t metric = schema_->keys.size(), value = metric + 1, unit = metric + 2;
    for (std::size_t r = 0; r < table_.row_count(); ++r) {
        const auto& row = table_.row(r);
        const std::string where = source_ + " row " + std::to_string(r + 2);
        for (std::size_t c = 0; c < schema_->keys.size(); ++c) {
            const std::string problem = field_problem(schema_->keys[c], row[c]);
            require(problem.empty(), where + " column " + schema_->keys[c].name + ": " + problem);
        }
        const Metric* m = schema_->metric(row[metric]);
        require(m != nullptr, where + ": metric '" + row[metric] + "' is not declared for " + schema_->name);
        double number = 0;
        require(parses_real(row[value], number), where + " column value: expected a number, found '" + row[value] + "'");
        require(row[unit] == m->unit, where + ": metric " + m->name + " is declared in " + m->unit + ", found unit '" +
                                          row[unit] + "'");
    }
}

namespace {

std::vector<std::pair<std::size_t, std::string>> resolve_filter(const TableSchema& schema, const CsvTable& table,
                                                                const ResultTable::Filter& where) {
    std::vector<std::pair<std::size_t, std::string>> resolved;
    for (const auto& [name, field] : where) {
        if (name == "metric") {
            const auto* text = std::get_if<std::string>(&field);
            require(text != nullptr && schema.metric(*text) != nullptr,
                    schema.file_name() + ": filter on an undeclared metric");
            resolved.emplace_back(table.column("metric"), *text);
            continue;
        }
        const Column* column = schema.key(name);
        require(column != nullptr, schema.file_name() + ": filter on '" + name + "', which is not a key column of " +
                                       schema.name);
        resolved.emplace_back(table.column(name), field_text(schema, *column, field));
    }
    return resolved;
}

}  // namespace

bool ResultTable::matches(std::size_t row, const std::vector<std::pair<std::size_t, std::string>>& where) const {
    const auto& fields = table_.row(row);
    for (const auto& [column, text] : where)
        if (fields[column] != text) return false;
    return true;
}

std::vector<std::size_t> ResultTable::rows(const Filter& where) const {
    const auto resolved = resolve_filter(*schema_, table_, where);
    std::vector<std::size_t> found;
    for (std::size_t r = 0; r < table_.row_count(); ++r)
        if (matches(r, resolved)) found.push_back(r);
    return found;
}

std::vector<double> ResultTable::values(const Filter& where) const {
    std::vector<double> found;
    for (std::size_t r : rows(where)) found.push_back(value(r));
    return found;
}

std::string ResultTable::explain_no_match(const Filter& where) const {
    const auto resolved = resolve_filter(*schema_, table_, where);
    for (std::size_t n = 1; n <= resolved.size(); ++n) {
        const std::vector<std::pair<std::size_t, std::string>> prefix(resolved.begin(), resolved.begin() + n);
        bool any = false;
        for (std::size_t r = 0; r < table_.row_count() && !any; ++r) any = matches(r, prefix);
        if (any) continue;
        const std::string& column = table_.columns()[resolved[n - 1].first];
        std::vector<std::string> present;
        const std::vector<std::pair<std::size_t, std::string>> before(resolved.begin(), resolved.begin() + (n - 1));
        for (std::size_t r = 0; r < table_.row_count(); ++r) {
            if (!matches(r, before)) continue;
            const std::string& v = table_.row(r)[resolved[n - 1].first];
            if (std::find(present.begin(), present.end(), v) == present.end()) present.push_back(v);
        }
        std::string text = source_ + ": no row has " + column + " = " + resolved[n - 1].second;
        if (n > 1) {
            text += " among the rows with";
            for (std::size_t i = 0; i + 1 < n; ++i)
                text += (i ? ", " : " ") + table_.columns()[resolved[i].first] + " = " + resolved[i].second;
        }
        return text + "; " + column + " holds " + (present.empty() ? "nothing" : join(present));
    }
    return "";
}

std::int64_t ResultTable::integer(std::size_t row, std::string_view column) const {
    std::int64_t value = 0;
    const std::string& text = table_.at(row, column);
    require(parses_integer(text, value), source_ + " row " + std::to_string(row + 2) + " column " +
                                             std::string(column) + ": expected an integer, found '" + text + "'");
    return value;
}

double ResultTable::real(std::size_t row, std::string_view column) const {
    double value = 0;
    const std::string& text = table_.at(row, column);
    require(parses_real(text, value), source_ + " row " + std::to_string(row + 2) + " column " + std::string(column) +
                                          ": expected a number, found '" + text + "'");
    return value;
}

std::vector<std::string> ResultTable::distinct(std::string_view column) const {
    const std::size_t index = table_.column(column);
    std::vector<std::string> values;
    for (std::size_t r = 0; r < table_.row_count(); ++r) {
        const std::string& v = table_.row(r)[index];
        if (std::find(values.begin(), values.end(), v) == values.end()) values.push_back(v);
    }
    return values;
}

}  // namespace qmlr::experiments
