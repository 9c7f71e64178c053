#include "experiments/common/config_hash.hpp"

#include <cstdio>

#include "core/csv.hpp"

namespace qmlr::experiments {

void ConfigHash::absorb(std::string_view bytes) {
    constexpr std::uint64_t kPrime = 0x100000001b3ull;
    for (unsigned char byte : bytes) {
        state_ ^= byte;
        state_ *= kPrime;
    }
    text_ += bytes;
}

ConfigHash& ConfigHash::add(std::string_view key, std::string_view text) {
    std::string pair(key);
    pair += '=';
    pair += text;
    pair += ';';
    absorb(pair);
    return *this;
}

ConfigHash& ConfigHash::add(std::string_view key, double number) {
    return add(key, std::string_view(format_number(number)));
}

ConfigHash& ConfigHash::add_integer(std::string_view key, std::int64_t number) {
    return add(key, std::string_view(std::to_string(number)));
}

std::string ConfigHash::hex() const {
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(state_));
    return buffer;
}

}  // namespace qmlr::experiments
