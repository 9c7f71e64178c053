#pragma once
// Command-line parsing for the suite's programs: `--name value` / `--name=value` options and
// `--flag` switches, declared with their help text; `--help` prints the usage. Anything
// unknown or malformed is an Error that names the option, the value and what was expected.
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace qmlr {

class Cli {
public:
    Cli(std::string program, std::string summary);

    void add_flag(const std::string& name, const std::string& help);
    void add_option(const std::string& name, const std::string& value_name,
                    const std::string& help, const std::string& default_value = "");

    // Returns false when --help was given: the usage went to `out` and the caller should exit 0.
    // An option that may be given several times; values() returns them in order.
    void add_repeatable_option(const std::string& name, const std::string& value_name, const std::string& help);
    // Text appended to --help after the options (e.g. a program's settings).
    void set_epilogue(std::string text) { epilogue_ = std::move(text); }

    bool parse(int argc, const char* const* argv, std::ostream& out);

    bool flag(const std::string& name) const;
    // True when the option was given on the command line (not just defaulted).
    bool given(const std::string& name) const;
    const std::string& value(const std::string& name) const;
    const std::vector<std::string>& values(const std::string& name) const;
    std::int64_t integer(const std::string& name, std::int64_t min, std::int64_t max) const;
    double real(const std::string& name) const;

    std::string usage() const;
    const std::string& program() const { return program_; }

private:
    struct Entry {
        std::string name, value_name, help, value;
        bool is_flag = false;
        bool given = false;
        bool repeatable = false;
        std::vector<std::string> values;  // every value given, in order
    };
    Entry& find(const std::string& name);
    const Entry& find(const std::string& name) const;
    Entry* lookup(const std::string& name);

    std::string program_, summary_, epilogue_;
    std::vector<Entry> entries_;
};

// Parses a decimal integer in [min, max]; `what` names the value in the error message.
std::int64_t parse_integer(const std::string& text, std::int64_t min, std::int64_t max,
                           const std::string& what);

}  // namespace qmlr
