#include "experiments/common/markdown.hpp"

#include "core/error.hpp"

namespace qmlr::experiments {

std::string markdown_cell(std::string_view text) {
    std::string cell;
    for (char c : text) {
        if (c == '|')
            cell += "\\|";
        else if (c == '\n' || c == '\r')
            cell += ' ';
        else
            cell += c;
    }
    return cell;
}

std::string markdown_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
    const auto row_text = [](const std::vector<std::string>& cells) {
        std::string line = "|";
        for (const std::string& cell : cells) line.append(" ").append(markdown_cell(cell)).append(" |");
        return line + "\n";
    };
    std::string table = row_text(header) + "|";
    for (std::size_t i = 0; i < header.size(); ++i) table += "---|";
    table += "\n";
    for (const auto& row : rows) {
        require(row.size() == header.size(), "markdown_table: a row has " + std::to_string(row.size()) +
                                                  " cells, the header " + std::to_string(header.size()));
        table += row_text(row);
    }
    return table;
}

}  // namespace qmlr::experiments
