#include "experiments/common/run_key.hpp"

#include <cstdio>

#include "core/csv.hpp"
#include "core/simd_level.hpp"

namespace qmlr::experiments {

RunKey::RunKey(std::string_view stage, int format_version) {
    add("stage", stage).add("format", static_cast<std::int64_t>(format_version));
    add("simd", to_string(simd_level_from_environment()));
}

RunKey RunKey::bare(std::string_view stage) {
    RunKey key;
    key.add("stage", stage);
    return key;
}

void RunKey::absorb(std::string_view bytes) {
    hash_.add(bytes);
    text_ += bytes;
}

RunKey& RunKey::add(std::string_view name, std::string_view text) {
    std::string pair(name);
    pair.append("=").append(text).append(";");
    absorb(pair);
    return *this;
}

RunKey& RunKey::add(std::string_view name, double number) { return add(name, std::string_view(format_number(number))); }

RunKey& RunKey::add(std::string_view name, std::int64_t number) {
    return add(name, std::string_view(std::to_string(number)));
}

RunKey& RunKey::input(std::string_view name, const RunKey& key) {
    return add(std::string("input:").append(name), std::string_view(key.hex()));
}

std::string RunKey::hex() const {
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash_.value()));
    return buffer;
}

void KeyedSettings::record(std::string_view name) { key_.add(name, settings_.canonical(name)); }

std::int64_t KeyedSettings::integer(std::string_view name) {
    const auto value = settings_.integer(name);
    record(name);
    return value;
}

double KeyedSettings::real(std::string_view name) {
    const double value = settings_.real(name);
    record(name);
    return value;
}

std::string KeyedSettings::text(std::string_view name) {
    std::string value = settings_.text(name);
    record(name);
    return value;
}

std::vector<std::int64_t> KeyedSettings::integers(std::string_view name) {
    auto value = settings_.integers(name);
    record(name);
    return value;
}

std::vector<double> KeyedSettings::reals(std::string_view name) {
    auto value = settings_.reals(name);
    record(name);
    return value;
}

std::vector<std::string> KeyedSettings::texts(std::string_view name) {
    auto value = settings_.texts(name);
    record(name);
    return value;
}

}  // namespace qmlr::experiments
