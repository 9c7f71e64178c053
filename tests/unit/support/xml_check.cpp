#include "support/xml_check.hpp"

#include <cctype>
#include <vector>

namespace qmlr::test {

namespace {

class XmlChecker {
public:
    explicit XmlChecker(std::string_view text) : text_(text) {}

    std::string problem() {
        if (starts("<?xml")) {
            const auto end = text_.find("?>");
            if (end == std::string_view::npos) return at("an unterminated XML declaration");
            at_ = end + 2;
        }
        bool root_seen = false;
        while (true) {
            skip_space();
            if (at_ >= text_.size()) break;
            if (starts("<!--")) {
                if (auto p = comment(); !p.empty()) return p;
                continue;
            }
            if (root_seen || !starts("<")) return at("nothing after the root element but comments and space");
            if (auto p = element(); !p.empty()) return p;
            root_seen = true;
        }
        return root_seen ? "" : at("a root element");
    }

private:
    bool starts(std::string_view s) const { return text_.substr(at_, s.size()) == s; }
    std::string at(const std::string& expected) const {
        return "byte " + std::to_string(at_) + ": expected " + expected;
    }
    void skip_space() {
        while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_]))) ++at_;
    }
    static bool name_char(char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' || c == '.';
    }
    std::string name() {
        const std::size_t from = at_;
        while (at_ < text_.size() && name_char(text_[at_])) ++at_;
        return std::string(text_.substr(from, at_ - from));
    }

    std::string comment() {
        const auto end = text_.find("-->", at_ + 4);
        if (end == std::string_view::npos) return at("the end of the comment");
        if (text_.substr(at_ + 4, end - at_ - 4).find("--") != std::string_view::npos) return at("no '--' inside a comment");
        at_ = end + 3;
        return "";
    }

    // '&' must start &amp; &lt; &gt; &quot; &apos; or &#digits; / &#xhex;.
    std::string entity() {
        for (std::string_view e : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"})
            if (starts(e)) {
                at_ += e.size();
                return "";
            }
        if (starts("&#")) {
            const auto end = text_.find(';', at_);
            if (end != std::string_view::npos && end > at_ + 2) {
                at_ = end + 1;
                return "";
            }
        }
        return at("a known entity after '&'");
    }

    std::string attributes() {
        while (true) {
            skip_space();
            if (at_ >= text_.size()) return at("the end of the tag");
            if (text_[at_] == '>' || starts("/>")) return "";
            if (name().empty()) return at("an attribute name");
            if (!starts("=")) return at("'=' after the attribute name");
            ++at_;
            if (at_ >= text_.size() || (text_[at_] != '"' && text_[at_] != '\'')) return at("a quoted attribute value");
            const char quote = text_[at_++];
            while (at_ < text_.size() && text_[at_] != quote) {
                if (text_[at_] == '<') return at("no '<' inside an attribute value");
                if (text_[at_] == '&') {
                    if (auto p = entity(); !p.empty()) return p;
                } else {
                    ++at_;
                }
            }
            if (at_ >= text_.size()) return at("the closing quote");
            ++at_;
        }
    }

    // One element with its content, tags balanced (iterative, with a stack of open names).
    std::string element() {
        std::vector<std::string> open;
        do {
            if (starts("<!--")) {
                if (auto p = comment(); !p.empty()) return p;
            } else if (starts("</")) {
                at_ += 2;
                const std::string closing = name();
                if (open.empty() || closing != open.back())
                    return at("</" + (open.empty() ? std::string("(nothing open)") : open.back()) + ">, found </" + closing + ">");
                skip_space();
                if (!starts(">")) return at("'>'");
                ++at_;
                open.pop_back();
            } else if (starts("<")) {
                ++at_;
                const std::string tag = name();
                if (tag.empty()) return at("an element name");
                if (auto p = attributes(); !p.empty()) return p;
                if (starts("/>")) {
                    at_ += 2;
                } else {
                    ++at_;
                    open.push_back(tag);
                }
            } else if (text_[at_] == '&') {
                if (auto p = entity(); !p.empty()) return p;
            } else {
                ++at_;
            }
            if (!open.empty() && at_ >= text_.size()) return at("</" + open.back() + ">");
        } while (!open.empty());
        return "";
    }

    std::string_view text_;
    std::size_t at_ = 0;
};

}  // namespace

std::string xml_problem(std::string_view text) { return XmlChecker(text).problem(); }

}  // namespace qmlr::test
