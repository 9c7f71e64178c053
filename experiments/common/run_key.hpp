#pragma once
// The key of a stored run: a fingerprint of everything its output depends on, so that changing
// any of it makes the old output invisible instead of silently reused (docs/conventions.md §14):
//   the stage and its format version   (bumped when the stage's code computes something else)
//   the SIMD level                     (kernels at different levels may differ in the last bits)
//   every setting the stage reads      (read through the key, so none can be left out)
//   its own parameters                 (dataset, method, seed, …)
//   the keys of the runs it reads      (a new teacher makes new students)
//   the content digest of its data     (another --data folder, or an edited file, is new input)
// FNV-1a 64 over "name=value;" pairs; text() keeps the pairs for the run's manifest.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/fnv1a.hpp"
#include "experiments/common/settings.hpp"

namespace qmlr::experiments {

class RunKey {
public:
    // Starts the key of a run of `stage`; adds the format version and the SIMD level in use.
    RunKey(std::string_view stage, int format_version);
    // The same without the SIMD level, for tests of the hashing itself.
    static RunKey bare(std::string_view stage);

    RunKey& add(std::string_view name, std::string_view text);
    RunKey& add(std::string_view name, const char* text) { return add(name, std::string_view(text)); }
    RunKey& add(std::string_view name, const std::string& text) { return add(name, std::string_view(text)); }
    RunKey& add(std::string_view name, double number);
    RunKey& add(std::string_view name, std::int64_t number);
    RunKey& add(std::string_view name, int number) { return add(name, static_cast<std::int64_t>(number)); }
    RunKey& add(std::string_view name, std::uint64_t number) { return add(name, static_cast<std::int64_t>(number)); }
    // Another run's key (an input it reads).
    RunKey& input(std::string_view name, const RunKey& key);

    std::uint64_t value() const { return hash_.value(); }
    std::string hex() const;           // 16 hex digits
    const std::string& text() const { return text_; }

private:
    RunKey() = default;
    void absorb(std::string_view bytes);

    Fnv1a64 hash_;
    std::string text_;
};

// Reads settings and records each one read in `key`, so a stage's key covers exactly the
// settings its planning code passed on to its computation.
class KeyedSettings {
public:
    KeyedSettings(const Settings& settings, RunKey& key) : settings_(settings), key_(key) {}
    std::int64_t integer(std::string_view name);
    double real(std::string_view name);
    std::string text(std::string_view name);
    std::vector<std::int64_t> integers(std::string_view name);
    std::vector<double> reals(std::string_view name);
    std::vector<std::string> texts(std::string_view name);

private:
    void record(std::string_view name);
    const Settings& settings_;
    RunKey& key_;
};

}  // namespace qmlr::experiments
