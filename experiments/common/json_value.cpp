#include "experiments/common/json_value.hpp"

#include <charconv>

#include "core/error.hpp"

namespace qmlr::experiments {

// Recursive descent over the text; one instance per parse.
class JsonParser {
public:
    JsonParser(std::string_view text, std::string source) : text_(text), source_(std::move(source)) {}

    JsonValue document() {
        JsonValue value = parse_value(source_, 0);
        skip_whitespace();
        if (at_ < text_.size()) fail("end of the document");
        return value;
    }

private:
    static constexpr int kMaxDepth = 64;

    [[noreturn]] void fail(const std::string& expected) const {
        const std::string found = at_ < text_.size() ? "'" + std::string(1, text_[at_]) + "'" : "the end";
        throw Error(source_ + ": byte " + std::to_string(at_) + ": expected " + expected + ", found " + found);
    }

    void skip_whitespace() {
        while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r'))
            ++at_;
    }

    bool consume(char c) {
        skip_whitespace();
        if (at_ < text_.size() && text_[at_] == c) {
            ++at_;
            return true;
        }
        return false;
    }

    void expect(char c) {
        if (!consume(c)) fail(std::string("'") + c + "'");
    }

    bool literal(std::string_view word) {
        if (text_.substr(at_, word.size()) != word) return false;
        at_ += word.size();
        return true;
    }

    JsonValue parse_value(const std::string& path, int depth) {
        if (depth > kMaxDepth) fail("at most " + std::to_string(kMaxDepth) + " levels of nesting");
        skip_whitespace();
        JsonValue value;
        value.path_ = path;
        if (at_ >= text_.size()) fail("a value");
        const char c = text_[at_];
        if (c == '{') {
            parse_object(value, depth);
        } else if (c == '[') {
            parse_array(value, depth);
        } else if (c == '"') {
            value.kind_ = JsonValue::Kind::string;
            value.text_ = parse_string();
        } else if (literal("true")) {
            value.kind_ = JsonValue::Kind::boolean;
            value.boolean_ = true;
        } else if (literal("false")) {
            value.kind_ = JsonValue::Kind::boolean;
        } else if (literal("null")) {
            value.kind_ = JsonValue::Kind::null;
        } else {
            value.kind_ = JsonValue::Kind::number;
            value.number_ = parse_number();
        }
        return value;
    }

    void parse_object(JsonValue& value, int depth) {
        value.kind_ = JsonValue::Kind::object;
        expect('{');
        if (consume('}')) return;
        do {
            skip_whitespace();
            if (at_ >= text_.size() || text_[at_] != '"') fail("a member name in quotes");
            std::string key = parse_string();
            for (const std::string& seen : value.keys_)
                if (seen == key) fail("no second member named '" + key + "'");
            expect(':');
            value.items_.push_back(parse_value(value.path_ + "." + key, depth + 1));
            value.keys_.push_back(std::move(key));
        } while (consume(','));
        expect('}');
    }

    void parse_array(JsonValue& value, int depth) {
        value.kind_ = JsonValue::Kind::array;
        expect('[');
        if (consume(']')) return;
        do {
            value.items_.push_back(parse_value(value.path_ + "[" + std::to_string(value.items_.size()) + "]", depth + 1));
        } while (consume(','));
        expect(']');
    }

    // The JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    double parse_number() {
        const std::size_t start = at_;
        const auto digits = [&] {
            const std::size_t from = at_;
            while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
            return at_ - from;
        };
        if (at_ < text_.size() && text_[at_] == '-') ++at_;
        if (at_ < text_.size() && text_[at_] == '0') ++at_;
        else if (digits() == 0) fail("a value");
        if (at_ < text_.size() && text_[at_] == '.') {
            ++at_;
            if (digits() == 0) fail("digits after the decimal point");
        }
        if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
            ++at_;
            if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) ++at_;
            if (digits() == 0) fail("exponent digits");
        }
        double number = 0;
        const auto result = std::from_chars(text_.data() + start, text_.data() + at_, number);
        if (result.ec != std::errc() || result.ptr != text_.data() + at_) fail("a number in double range");
        return number;
    }

    unsigned hex4() {
        unsigned code = 0;
        for (int i = 0; i < 4; ++i, ++at_) {
            if (at_ >= text_.size()) fail("four hex digits");
            const char c = text_[at_];
            const unsigned digit = c >= '0' && c <= '9' ? unsigned(c - '0')
                                   : c >= 'a' && c <= 'f' ? unsigned(c - 'a' + 10)
                                   : c >= 'A' && c <= 'F' ? unsigned(c - 'A' + 10)
                                                          : 16u;
            if (digit == 16) fail("a hex digit");
            code = code * 16 + digit;
        }
        return code;
    }

    static void append_utf8(std::string& out, unsigned code) {
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (code >> 18));
            out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        }
    }

    std::string parse_string() {
        ++at_;  // the opening quote
        std::string out;
        while (true) {
            if (at_ >= text_.size()) fail("the closing quote");
            const char c = text_[at_];
            if (c == '"') break;
            if (static_cast<unsigned char>(c) < 0x20) fail("no control character inside a string");
            ++at_;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (at_ >= text_.size()) fail("an escape");
            const char e = text_[at_++];
            switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    unsigned code = hex4();
                    if (code >= 0xD800 && code < 0xDC00) {  // a high surrogate: its low half follows
                        if (!literal("\\u")) fail("the low half of a surrogate pair");
                        const unsigned low = hex4();
                        if (low < 0xDC00 || low >= 0xE000) fail("a low surrogate");
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                    } else if (code >= 0xDC00 && code < 0xE000) {
                        fail("no lone low surrogate");
                    }
                    append_utf8(out, code);
                    break;
                }
                default: --at_; fail("an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)");
            }
        }
        ++at_;  // the closing quote
        return out;
    }

    std::string_view text_;
    std::string source_;
    std::size_t at_ = 0;
};

JsonValue JsonValue::parse(std::string_view text, const std::string& source) {
    return JsonParser(text, source).document();
}

const char* JsonValue::kind_name() const {
    switch (kind_) {
        case Kind::null: return "null";
        case Kind::boolean: return "a boolean";
        case Kind::number: return "a number";
        case Kind::string: return "a string";
        case Kind::array: return "an array";
        case Kind::object: return "an object";
    }
    return "?";
}

void JsonValue::wrong_kind(const char* expected) const {
    throw Error(path_ + ": expected " + expected + ", found " + kind_name());
}

bool JsonValue::boolean() const {
    if (kind_ != Kind::boolean) wrong_kind("a boolean");
    return boolean_;
}

double JsonValue::number() const {
    if (kind_ != Kind::number) wrong_kind("a number");
    return number_;
}

const std::string& JsonValue::text() const {
    if (kind_ != Kind::string) wrong_kind("a string");
    return text_;
}

const std::vector<JsonValue>& JsonValue::items() const {
    if (kind_ != Kind::array) wrong_kind("an array");
    return items_;
}

const std::vector<std::string>& JsonValue::keys() const {
    if (kind_ != Kind::object) wrong_kind("an object");
    return keys_;
}

bool JsonValue::has(std::string_view key) const {
    if (kind_ != Kind::object) wrong_kind("an object");
    for (const std::string& k : keys_)
        if (k == key) return true;
    return false;
}

const JsonValue& JsonValue::at(std::string_view key) const {
    if (kind_ != Kind::object) wrong_kind("an object");
    for (std::size_t i = 0; i < keys_.size(); ++i)
        if (keys_[i] == key) return items_[i];
    throw Error(path_ + ": expected a member '" + std::string(key) + "'");
}

}  // namespace qmlr::experiments
