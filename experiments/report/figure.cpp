#include "experiments/report/figure.hpp"

#include <algorithm>
#include <charconv>

#include "core/error.hpp"

namespace qmlr::report {

std::vector<std::string> distinct_values(const CsvTable& table, std::string_view column) {
    const std::size_t index = table.column(column);
    std::vector<std::string> values;
    for (std::size_t r = 0; r < table.row_count(); ++r) {
        const std::string& value = table.row(r)[index];
        if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
    }
    return values;
}

double parse_field(const std::string& text, const std::string& what) {
    double value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    require(result.ec == std::errc() && result.ptr == text.data() + text.size(),
            what + ": expected a number, found '" + text + "'");
    return value;
}

}  // namespace qmlr::report
