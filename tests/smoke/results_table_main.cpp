// results_table: reads one result table through its paper's declaration, so the smoke tests
// select rows and columns by name, never by position. The whole file is parsed and checked
// against the declaration first (an Error naming the row and column otherwise).
//   results_table --paper P --file DIR/<table>.csv [--where COLUMN=VALUE]... [--column NAME | --count]
// prints the selected column of the matching rows, one per line (default: value), or their count.
#include <charconv>
#include <iostream>

#include "core/cli.hpp"
#include "core/error.hpp"
#include "experiments/common/paper.hpp"
#include "experiments/common/program_main.hpp"
#include "experiments/common/results_publisher.hpp"

using namespace qmlr;
using namespace qmlr::experiments;

namespace {

// A --where value as a field of the column's declared type.
Field typed_field(const TableSchema& schema, const std::string& column, const std::string& text) {
    const Column* key = schema.key(column);
    if (column == "metric" || (key != nullptr && key->type == ColumnType::text)) return text_field(text);
    require(key != nullptr, "--where " + column + ": not a key column of " + schema.name);
    if (key->type == ColumnType::integer) {
        std::int64_t value = 0;
        const auto r = std::from_chars(text.data(), text.data() + text.size(), value);
        require(r.ec == std::errc() && r.ptr == text.data() + text.size(), "--where " + column + ": expected an integer");
        return value;
    }
    double value = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), value);
    require(r.ec == std::errc() && r.ptr == text.data() + text.size(), "--where " + column + ": expected a number");
    return value;
}

int run(int argc, const char* const* argv) {
    Cli cli("results_table", "Select rows and columns of a result table by name, checked against its declaration.");
    cli.add_option("paper", "NAME", "the paper whose tables.cpp declares the table");
    cli.add_option("file", "PATH", "the table, <dir>/<table>.csv");
    cli.add_repeatable_option("where", "COLUMN=VALUE", "keep the rows where COLUMN equals VALUE");
    cli.add_option("column", "NAME", "the column to print", "value");
    cli.add_flag("count", "print the number of matching rows instead");
    if (!cli.parse(argc, argv, std::cout)) return 0;
    const Paper& paper = find_paper(cli.value("paper"));
    const std::filesystem::path file = cli.value("file");
    const TableSchema* schema = nullptr;
    for (const TableSchema& t : paper.tables())
        if (t.file_name() == file.filename().string()) schema = &t;
    require(schema != nullptr, file.filename().string() + " is not a declared table of " + paper.name);
    require(!publication_pending(file.parent_path()),
            file.parent_path().string() + " holds an interrupted publication of new tables (.publish-journal); rerun "
                                          "its program to finish it");
    const ResultTable table(*schema, file);
    ResultTable::Filter where;
    for (const std::string& condition : cli.values("where")) {
        const auto equals = condition.find('=');
        require(equals != std::string::npos, "--where expects COLUMN=VALUE, got '" + condition + "'");
        const std::string column = condition.substr(0, equals);
        where.emplace_back(column, typed_field(*schema, column, condition.substr(equals + 1)));
    }
    const std::vector<std::size_t> rows = table.rows(where);
    if (cli.flag("count")) {
        std::cout << rows.size() << '\n';
        return 0;
    }
    for (std::size_t r : rows) std::cout << table.text(r, cli.value("column")) << '\n';
    return 0;
}

}  // namespace

int main(int argc, char** argv) { return run_program("results_table", argc, argv, run); }
