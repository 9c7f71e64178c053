#pragma once
// Markdown pieces of the report: pipe tables whose cells may hold any text.
//   markdown_table({"id", "status"}, {{"C1", "match"}})
//     -> "| id | status |\n|---|---|\n| C1 | match |\n"
#include <string>
#include <string_view>
#include <vector>

namespace qmlr::experiments {

// `text` as one table cell: '|' escaped as "\|", line breaks as spaces.
std::string markdown_cell(std::string_view text);

// A header row, the separator and one row per entry; every row must have the header's width
// (an Error otherwise).
std::string markdown_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

}  // namespace qmlr::experiments
