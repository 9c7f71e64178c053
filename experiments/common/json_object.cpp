#include "experiments/common/json_object.hpp"

#include <cmath>
#include <cstdio>

#include "core/csv.hpp"

namespace qmlr::experiments {

std::string json_quoted(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char escape[8];
                    std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(c));
                    out += escape;
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

std::string json_array(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
    return out + "]";
}

JsonObject& JsonObject::add_string(std::string_view key, std::string_view value) {
    return add_raw(key, json_quoted(value));
}

JsonObject& JsonObject::add_number(std::string_view key, double value) {
    return add_raw(key, std::isfinite(value) ? format_number(value) : "null");
}

JsonObject& JsonObject::add_integer(std::string_view key, std::int64_t value) {
    return add_raw(key, std::to_string(value));
}

JsonObject& JsonObject::add_bool(std::string_view key, bool value) {
    return add_raw(key, value ? "true" : "false");
}

JsonObject& JsonObject::add_raw(std::string_view key, std::string json) {
    members_.emplace_back(std::string(key), std::move(json));
    return *this;
}

std::string JsonObject::str() const {
    if (members_.empty()) return "{}";
    const std::string inner = "  ";
    std::string out = "{\n";
    for (std::size_t i = 0; i < members_.size(); ++i) {
        out += inner + json_quoted(members_[i].first) + ": ";
        // Nested multi-line text keeps its own layout, shifted to this depth.
        for (char c : members_[i].second) {
            out += c;
            if (c == '\n') out += inner;
        }
        out += i + 1 < members_.size() ? ",\n" : "\n";
    }
    return out + "}";
}

}  // namespace qmlr::experiments
