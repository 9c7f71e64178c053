#pragma once
// A strict reader for the JSON the programs write (experiments/common/json_object.hpp): the
// whole RFC 8259 grammar, nothing more (no comments, no trailing commas, no NaN), duplicate keys
// rejected, \u escapes decoded to UTF-8. Errors name the source and the byte offset.
//   const JsonValue meta = JsonValue::parse(text, "results/qplr/qplr.meta.json");
//   meta.at("environment").at("cpu").text();   // an Error naming the key when it is absent
#include <string>
#include <string_view>
#include <vector>

namespace qmlr::experiments {

class JsonValue {
public:
    enum class Kind { null, boolean, number, string, array, object };

    static JsonValue parse(std::string_view text, const std::string& source);

    Kind kind() const { return kind_; }
    // Each accessor is an Error naming the value's path (e.g. "meta.json: runs[3].seconds") when
    // the value is of another kind.
    bool boolean() const;
    double number() const;
    const std::string& text() const;
    const std::vector<JsonValue>& items() const;
    const std::vector<std::string>& keys() const;  // an object's member names, in order
    const JsonValue& at(std::string_view key) const;  // an object's member; absent: an Error
    bool has(std::string_view key) const;

private:
    friend class JsonParser;
    const char* kind_name() const;
    [[noreturn]] void wrong_kind(const char* expected) const;

    Kind kind_ = Kind::null;
    std::string path_;  // where the value sits, for error messages
    bool boolean_ = false;
    double number_ = 0;
    std::string text_;
    std::vector<JsonValue> items_;    // array items, or object member values
    std::vector<std::string> keys_;   // object member names, parallel to items_
};

}  // namespace qmlr::experiments
