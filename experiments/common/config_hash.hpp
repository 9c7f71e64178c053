#pragma once
// A fingerprint of everything that determines a run's output (dataset, sizes, seeds, epochs,
// hyperparameters, a format version). Runs are stored under it, so changing any setting makes
// the old result invisible instead of silently reused. FNV-1a 64 over "key=value;" pairs, with
// numbers written by format_number (exact, locale-free); shown as 16 hex digits.
#include <cstdint>
#include <string>
#include <string_view>

namespace qmlr::experiments {

class ConfigHash {
public:
    ConfigHash& add(std::string_view key, std::string_view text);
    ConfigHash& add(std::string_view key, double number);
    ConfigHash& add_integer(std::string_view key, std::int64_t number);

    std::uint64_t value() const { return state_; }
    std::string hex() const;
    // The pairs hashed so far, "key=value;..." (written into meta files for inspection).
    const std::string& text() const { return text_; }

private:
    void absorb(std::string_view bytes);

    std::uint64_t state_ = 0xcbf29ce484222325ull;  // FNV-1a offset basis
    std::string text_;
};

}  // namespace qmlr::experiments
