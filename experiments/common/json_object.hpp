#pragma once
// A small writer for the JSON of meta files: one object, members in insertion order, strings
// escaped, numbers exact (format_number; NaN and infinities become null), nested objects and
// arrays passed in as finished JSON text.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qmlr::experiments {

class JsonObject {
public:
    JsonObject& add_string(std::string_view key, std::string_view value);
    JsonObject& add_number(std::string_view key, double value);
    JsonObject& add_integer(std::string_view key, std::int64_t value);
    JsonObject& add_bool(std::string_view key, bool value);
    // `json` must already be valid JSON (an object, an array, a literal).
    JsonObject& add_raw(std::string_view key, std::string json);

    // Members one per line; nested multi-line JSON is indented one level per depth.
    std::string str() const;

private:
    std::vector<std::pair<std::string, std::string>> members_;
};

std::string json_quoted(std::string_view text);
// "[item, item]" from items that are JSON text already.
std::string json_array(const std::vector<std::string>& items);

}  // namespace qmlr::experiments
