#include "experiments/common/settings.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/csv.hpp"
#include "core/error.hpp"

namespace qmlr::experiments {

namespace {

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> items;
    if (trim(text).empty()) return items;
    std::size_t begin = 0;
    while (true) {
        const auto comma = text.find(',', begin);
        items.emplace_back(trim(text.substr(begin, comma == std::string_view::npos ? comma : comma - begin)));
        if (comma == std::string_view::npos) return items;
        begin = comma + 1;
    }
}

const char* type_name(SettingType type) {
    switch (type) {
        case SettingType::integer: return "integer";
        case SettingType::real: return "number";
        case SettingType::text: return "text";
        case SettingType::integer_list: return "list of integers";
        case SettingType::real_list: return "list of numbers";
        case SettingType::text_list: return "list of texts";
    }
    return "?";
}

bool is_list(SettingType type) {
    return type == SettingType::integer_list || type == SettingType::real_list || type == SettingType::text_list;
}

// What a setting accepts, for --help and error messages: "integer in [1, 1000]",
// "list of texts from {mnist, fashion_mnist}".
std::string accepted(const SettingSpec& spec) {
    std::string text = type_name(spec.type);
    if (spec.type == SettingType::text || spec.type == SettingType::text_list) {
        if (spec.choices.empty()) return text;
        text += spec.type == SettingType::text ? ": one of {" : " from {";
        for (std::size_t i = 0; i < spec.choices.size(); ++i) text += (i ? ", " : "") + spec.choices[i];
        return text + "}";
    }
    const bool low = std::isfinite(spec.min), high = std::isfinite(spec.max);
    if (low && high) return text + " in [" + format_number(spec.min) + ", " + format_number(spec.max) + "]";
    if (low) return text + " ≥ " + format_number(spec.min);
    if (high) return text + " ≤ " + format_number(spec.max);
    return text;
}

[[noreturn]] void reject(const SettingSpec& spec, std::string_view value, std::string_view origin,
                         const std::string& why) {
    throw Error(std::string(origin) + ": setting " + spec.name + " = '" + std::string(value) + "': " + why +
                "; it accepts a " + accepted(spec) + (is_list(spec.type) ? ", comma-separated" : "") + " (" +
                spec.help + ")");
}

std::string canonical_number(const SettingSpec& spec, std::string_view item, std::string_view value,
                             std::string_view origin) {
    double number = 0;
    const bool integral = spec.type == SettingType::integer || spec.type == SettingType::integer_list;
    if (integral) {
        std::int64_t integer = 0;
        const auto r = std::from_chars(item.data(), item.data() + item.size(), integer);
        if (r.ec != std::errc() || r.ptr != item.data() + item.size())
            reject(spec, value, origin, "'" + std::string(item) + "' is not an integer");
        number = static_cast<double>(integer);
        if (number < spec.min || number > spec.max) reject(spec, value, origin, std::string(item) + " is out of range");
        return std::to_string(integer);
    }
    const auto r = std::from_chars(item.data(), item.data() + item.size(), number);
    if (r.ec != std::errc() || r.ptr != item.data() + item.size() || !std::isfinite(number))
        reject(spec, value, origin, "'" + std::string(item) + "' is not a finite number");
    if (number < spec.min || number > spec.max) reject(spec, value, origin, std::string(item) + " is out of range");
    return format_number(number);
}

std::string canonical_item(const SettingSpec& spec, std::string_view item, std::string_view value,
                           std::string_view origin) {
    if (spec.type == SettingType::text || spec.type == SettingType::text_list) {
        if (item.empty()) reject(spec, value, origin, "an empty text");
        if (!spec.choices.empty() && std::find(spec.choices.begin(), spec.choices.end(), item) == spec.choices.end())
            reject(spec, value, origin, "'" + std::string(item) + "' is not an accepted value");
        if (item.find_first_of(",=#\n") != std::string_view::npos)
            reject(spec, value, origin, "a text may not contain ',', '=', '#' or a line break");
        return std::string(item);
    }
    return canonical_number(spec, item, value, origin);
}

// The canonical text of `value` for `spec`; integer lists also accept ranges "0-4".
std::string canonical_value(const SettingSpec& spec, std::string_view value, std::string_view origin) {
    if (!is_list(spec.type)) return canonical_item(spec, trim(value), value, origin);
    std::vector<std::string> items;
    for (const std::string& item : split_list(value)) {
        const auto dash = item.find('-', 1);
        if (spec.type == SettingType::integer_list && dash != std::string::npos) {
            const auto first = std::stoll(canonical_item(spec, item.substr(0, dash), value, origin));
            const auto last = std::stoll(canonical_item(spec, item.substr(dash + 1), value, origin));
            if (last < first || last - first > 100000) reject(spec, value, origin, "the range " + item + " is empty or too long");
            for (auto v = first; v <= last; ++v) items.push_back(std::to_string(v));
        } else {
            items.push_back(canonical_item(spec, item, value, origin));
        }
    }
    if (items.empty() && !spec.allow_empty) reject(spec, value, origin, "the list is empty");
    for (std::size_t i = 0; i < items.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (items[i] == items[j])
                reject(spec, value, origin, items[i] + " is listed twice (a repeated item would repeat its runs)");
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i) text += (i ? "," : "") + items[i];
    return text;
}

template <typename T>
T parse_as(const std::string& text) {
    T value{};
    std::from_chars(text.data(), text.data() + text.size(), value);  // canonical: always parses
    return value;
}

}  // namespace

const std::string& ProfileDefaults::of(Profile profile) const {
    switch (profile) {
        case Profile::quick: return quick;
        case Profile::standard: return standard;
        case Profile::paper: return paper;
    }
    return standard;
}

SettingsSchema& SettingsSchema::add(SettingSpec spec) {
    require(find(spec.name) == nullptr && spec.name != "profile",
            "setting '" + spec.name + "' declared twice (or named 'profile', which is reserved)");
    for (Profile profile : {Profile::quick, Profile::standard, Profile::paper})
        canonical_value(spec, spec.defaults.of(profile), "the " + to_string(profile) + " default");
    specs_.push_back(std::move(spec));
    return *this;
}

const SettingSpec* SettingsSchema::find(std::string_view name) const {
    for (const SettingSpec& spec : specs_)
        if (spec.name == name) return &spec;
    return nullptr;
}

std::string SettingsSchema::describe() const {
    std::ostringstream out;
    for (const SettingSpec& spec : specs_) {
        out << "  " << spec.name << " (" << accepted(spec) << "): " << spec.help << "\n      default: "
            << spec.defaults.standard;
        if (spec.defaults.quick != spec.defaults.standard) out << "; quick: " << spec.defaults.quick;
        if (spec.defaults.paper != spec.defaults.standard) out << "; paper: " << spec.defaults.paper;
        out << '\n';
    }
    return out.str();
}

SettingAssignment parse_assignment(std::string_view text, std::string origin) {
    const auto equals = text.find('=');
    if (equals == std::string_view::npos || trim(text.substr(0, equals)).empty())
        throw Error(origin + ": expected name = value, found '" + std::string(text) + "'");
    return {std::string(trim(text.substr(0, equals))), std::string(trim(text.substr(equals + 1))), std::move(origin)};
}

std::vector<SettingAssignment> read_config_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    require(static_cast<bool>(in), "--config: cannot read " + path.string() +
                                       " (expected a file of `name = value` lines, as --print-config writes)");
    std::vector<SettingAssignment> assignments;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        const std::string_view content = trim(std::string_view(line).substr(0, line.find('#')));
        if (!content.empty()) assignments.push_back(parse_assignment(content, path.string() + ":" + std::to_string(number)));
    }
    return assignments;
}

Settings::Settings(const SettingsSchema& schema, Profile profile) : schema_(&schema), profile_(profile) {
    for (const SettingSpec& spec : schema.specs())
        values_[spec.name] = canonical_value(spec, spec.defaults.of(profile), "default");
}

void Settings::apply(const SettingAssignment& assignment) {
    const SettingSpec* spec = schema_->find(assignment.name);
    if (spec == nullptr) {
        std::string names;
        for (const SettingSpec& s : schema_->specs()) names += (names.empty() ? "" : ", ") + s.name;
        throw Error(assignment.origin + ": unknown setting '" + assignment.name + "'; the settings are profile, " +
                    names + " (--help describes them)");
    }
    values_[spec->name] = canonical_value(*spec, assignment.value, assignment.origin);
}

const SettingSpec& Settings::spec(std::string_view name, SettingType type) const {
    const SettingSpec* spec = schema_->find(name);
    require(spec != nullptr, "internal: setting '" + std::string(name) + "' is not declared");
    require(spec->type == type, "internal: setting '" + std::string(name) + "' is a " + type_name(spec->type) +
                                    ", read as a " + type_name(type));
    return *spec;
}

const std::string& Settings::canonical(std::string_view name) const {
    const auto it = values_.find(name);
    require(it != values_.end(), "internal: setting '" + std::string(name) + "' is not declared");
    return it->second;
}

std::int64_t Settings::integer(std::string_view name) const {
    spec(name, SettingType::integer);
    return parse_as<std::int64_t>(canonical(name));
}

double Settings::real(std::string_view name) const {
    spec(name, SettingType::real);
    return parse_as<double>(canonical(name));
}

const std::string& Settings::text(std::string_view name) const {
    spec(name, SettingType::text);
    return canonical(name);
}

std::vector<std::int64_t> Settings::integers(std::string_view name) const {
    spec(name, SettingType::integer_list);
    std::vector<std::int64_t> values;
    for (const std::string& item : split_list(canonical(name))) values.push_back(parse_as<std::int64_t>(item));
    return values;
}

std::vector<double> Settings::reals(std::string_view name) const {
    spec(name, SettingType::real_list);
    std::vector<double> values;
    for (const std::string& item : split_list(canonical(name))) values.push_back(parse_as<double>(item));
    return values;
}

std::vector<std::string> Settings::texts(std::string_view name) const {
    spec(name, SettingType::text_list);
    return split_list(canonical(name));
}

std::string Settings::config_text() const {
    std::string text = "# The resolved settings; `--config FILE` reads them back to the same runs.\nprofile = " +
                       to_string(profile_) + "\n";
    for (const SettingSpec& spec : schema_->specs())
        text += "\n# " + spec.help + " (" + accepted(spec) + ")\n" + spec.name + " = " + canonical(spec.name) + "\n";
    return text;
}

Settings resolve_settings(const SettingsSchema& schema, Profile profile_option,
                          const std::vector<SettingAssignment>& assignments) {
    Profile profile = profile_option;
    for (const SettingAssignment& a : assignments)
        if (a.name == "profile") {
            try {
                profile = parse_profile(a.value);
            } catch (const Error&) {
                throw Error(a.origin + ": setting profile = '" + a.value + "': expected quick, default or paper");
            }
        }
    Settings settings(schema, profile);
    for (const SettingAssignment& a : assignments)
        if (a.name != "profile") settings.apply(a);
    return settings;
}

}  // namespace qmlr::experiments
