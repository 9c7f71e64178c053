#include "core/cli.hpp"

#include <algorithm>
#include <charconv>
#include <ostream>

#include "core/error.hpp"

namespace qmlr {

Cli::Cli(std::string program, std::string summary)
    : program_(std::move(program)), summary_(std::move(summary)) {
    add_flag("help", "print this help and exit");
}

void Cli::add_flag(const std::string& name, const std::string& help) {
    if (lookup(name) != nullptr) throw Error("option --" + name + " declared twice");
    entries_.push_back({name, "", help, "", true, false, false, {}});
}

void Cli::add_option(const std::string& name, const std::string& value_name,
                     const std::string& help, const std::string& default_value) {
    if (lookup(name) != nullptr) throw Error("option --" + name + " declared twice");
    entries_.push_back({name, value_name, help, default_value, false, false, false, {}});
}

void Cli::add_repeatable_option(const std::string& name, const std::string& value_name, const std::string& help) {
    add_option(name, value_name, help + " (repeatable)");
    entries_.back().repeatable = true;
}

Cli::Entry* Cli::lookup(const std::string& name) {
    auto it = std::find_if(entries_.begin(), entries_.end(),
                           [&](const Entry& e) { return e.name == name; });
    return it == entries_.end() ? nullptr : &*it;
}

Cli::Entry& Cli::find(const std::string& name) {
    if (Entry* entry = lookup(name)) return *entry;
    throw Error("internal: option --" + name + " was never declared");
}

const Cli::Entry& Cli::find(const std::string& name) const {
    return const_cast<Cli*>(this)->find(name);
}

bool Cli::parse(int argc, const char* const* argv, std::ostream& out) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg.rfind("--", 0) != 0)
            throw Error("unexpected argument '" + arg + "': options start with -- (see " +
                        program_ + " --help)");
        const auto equals = arg.find('=');
        const std::string name = arg.substr(2, equals == std::string::npos ? std::string::npos : equals - 2);
        Entry* entry = lookup(name);
        if (entry == nullptr)
            throw Error("unknown option --" + name + " (see " + program_ + " --help)");
        if (entry->is_flag) {
            if (equals != std::string::npos)
                throw Error("option --" + name + " takes no value, got '" + arg + "'");
            entry->given = true;
            continue;
        }
        if (equals != std::string::npos) {
            entry->value = arg.substr(equals + 1);
        } else {
            if (i + 1 >= argc)
                throw Error("option --" + name + " expects a value (" + entry->value_name + ")");
            entry->value = argv[++i];
        }
        if (entry->given && !entry->repeatable)
            throw Error("option --" + name + " given twice; give it once");
        entry->values.push_back(entry->value);
        entry->given = true;
    }
    if (flag("help")) {
        out << usage();
        return false;
    }
    return true;
}

bool Cli::flag(const std::string& name) const { return find(name).given; }

bool Cli::given(const std::string& name) const { return find(name).given; }

const std::string& Cli::value(const std::string& name) const { return find(name).value; }

const std::vector<std::string>& Cli::values(const std::string& name) const { return find(name).values; }

std::int64_t parse_integer(const std::string& text, std::int64_t min, std::int64_t max,
                           const std::string& what) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty())
        throw Error(what + " expects an integer, got '" + text + "'");
    if (value < min || value > max)
        throw Error(what + " must be in " + std::to_string(min) + ".." + std::to_string(max) +
                    ", got " + text);
    return value;
}

std::int64_t Cli::integer(const std::string& name, std::int64_t min, std::int64_t max) const {
    return parse_integer(value(name), min, max, "option --" + name);
}

double Cli::real(const std::string& name) const {
    const std::string& text = value(name);
    double result = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), result);
    if (error != std::errc() || end != text.data() + text.size() || text.empty())
        throw Error("option --" + name + " expects a number, got '" + text + "'");
    return result;
}

std::string Cli::usage() const {
    std::string text = "usage: " + program_ + " [options]\n\n" + summary_ + "\n\noptions:\n";
    std::size_t width = 0;
    auto left = [](const Entry& e) {
        return "  --" + e.name + (e.is_flag ? "" : " " + e.value_name);
    };
    for (const auto& e : entries_) width = std::max(width, left(e).size());
    for (const auto& e : entries_) {
        std::string line = left(e);
        line.resize(width + 2, ' ');
        line += e.help;
        if (!e.is_flag && !e.value.empty()) line += " (default: " + e.value + ")";
        text += line + "\n";
    }
    return epilogue_.empty() ? text : text + "\n" + epilogue_;
}

}  // namespace qmlr
