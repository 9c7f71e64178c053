#pragma once
// Every protocol choice of a paper is a named, typed, documented setting with a default per
// profile (docs/conventions.md §13). A program resolves them from, in order:
//   1. the profile (--profile, or a `profile = …` line of --config, or --set profile=…),
//   2. that profile's defaults,
//   3. the lines of --config FILE (plain `name = value`, `#` starts a comment),
//   4. each --set name=value, left to right.
// --print-config writes the resolved settings in the --config format, profile first, so that
// reading them back gives the same settings and therefore the same runs. An unknown name or a
// bad value is an Error naming the setting, where it came from and what it accepts.
//
// Values have one canonical text each (integers in decimal, reals by format_number, lists
// comma-separated without spaces); run keys hash that text, so "0.10" and "0.1" are one value.
#include <array>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/run_options.hpp"

namespace qmlr::experiments {

enum class SettingType { integer, real, text, integer_list, real_list, text_list };

// The defaults of one setting per profile, as text in the --set syntax.
struct ProfileDefaults {
    std::string quick, standard, paper;
    ProfileDefaults(const char* all) : quick(all), standard(all), paper(all) {}  // NOLINT: one value for all
    ProfileDefaults(std::string quick_value, std::string standard_value, std::string paper_value)
        : quick(std::move(quick_value)), standard(std::move(standard_value)), paper(std::move(paper_value)) {}
    const std::string& of(Profile profile) const;
};

struct SettingSpec {
    std::string name{};  // lower_snake_case
    SettingType type = SettingType::integer;
    std::string help{};  // one line: what it is, its unit
    ProfileDefaults defaults{""};
    // Numbers (and list items) must lie in [min, max]; texts (and list items) must be one of
    // `choices` when it is non-empty. An empty list is allowed only with `allow_empty`.
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();
    std::vector<std::string> choices{};
    bool allow_empty = false;
};

// A paper's declared settings, in the order --print-config and --help list them.
class SettingsSchema {
public:
    SettingsSchema& add(SettingSpec spec);  // an Error on a repeated name or an invalid default
    const std::vector<SettingSpec>& specs() const { return specs_; }
    const SettingSpec* find(std::string_view name) const;
    // "name (type, accepted values): help" per line, for --help and docs.
    std::string describe() const;

private:
    std::vector<SettingSpec> specs_;
};

// A `name = value` assignment and where it came from ("--set", "config.txt:12"), for errors.
struct SettingAssignment {
    std::string name, value, origin;
};
// Parses "name=value" (spaces around both allowed); an Error naming `origin` otherwise.
SettingAssignment parse_assignment(std::string_view text, std::string origin);
// The assignments of a --config file, in file order (blank lines and # comments skipped).
std::vector<SettingAssignment> read_config_file(const std::filesystem::path& path);

class Settings {
public:
    // The profile's defaults of every setting in `schema` (which must outlive this object).
    Settings(const SettingsSchema& schema, Profile profile);

    // Applies one assignment; an Error naming the setting, the origin and what it accepts
    // when the name is unknown or the value does not parse or lies outside the accepted values.
    void apply(const SettingAssignment& assignment);

    Profile profile() const { return profile_; }
    const SettingsSchema& schema() const { return *schema_; }

    // Typed reads; an Error when `name` is undeclared or of another type.
    std::int64_t integer(std::string_view name) const;
    double real(std::string_view name) const;
    const std::string& text(std::string_view name) const;
    std::vector<std::int64_t> integers(std::string_view name) const;
    std::vector<double> reals(std::string_view name) const;
    std::vector<std::string> texts(std::string_view name) const;
    // The canonical text of a setting's value (what run keys hash).
    const std::string& canonical(std::string_view name) const;

    // `profile = …` then one `name = value` line per setting, each after a `# help` comment.
    std::string config_text() const;

private:
    const SettingSpec& spec(std::string_view name, SettingType type) const;

    const SettingsSchema* schema_;
    Profile profile_;
    std::map<std::string, std::string, std::less<>> values_;  // name -> canonical text
};

// Resolves the settings from the profile option and the assignments (config lines first, then
// --set), applying a `profile` assignment among them first; see the top of this file.
Settings resolve_settings(const SettingsSchema& schema, Profile profile_option,
                          const std::vector<SettingAssignment>& assignments);

}  // namespace qmlr::experiments
