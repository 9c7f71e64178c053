#pragma once
// Where a program keeps its finished runs, so that it can be interrupted and resumed, shards can
// run on different machines, and a later configuration reuses every run whose key it shares
// (docs/conventions.md §14). <out>/runs/ is a cache, not a result:
//   runs/<name>-<key>/             one finished run: its artifacts and run.json
//   runs/<name>-<key>.partial-<pid>/   a run being computed (renamed when complete)
// run.json, written last, lists every artifact with its size and CRC-32, the run's key text,
// inputs, revision and compute time. A run is finished exactly when its folder exists. Every
// read of an artifact checks its size and checksum; a mismatch is an Error naming the file and
// the fix (--recompute <run> or deleting the folder), never used.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "experiments/common/run_plan.hpp"

namespace qmlr::experiments {

struct ArtifactRecord {
    std::string name;
    std::uint64_t bytes = 0;
    std::uint32_t crc32 = 0;
};

// What run.json records about a finished run.
struct RunRecord {
    std::string stage, name, key, key_text;
    std::vector<std::string> inputs;  // the input runs' folders
    std::vector<ArtifactRecord> artifacts;
    std::string revision;             // the build that computed it (…-dirty when uncommitted)
    std::string simd;
    std::int64_t threads = 0;
    double seconds = 0;
    std::vector<std::pair<std::string, double>> stage_seconds;  // ("train", 12.3), … in order
};

class RunStore {
public:
    explicit RunStore(const std::filesystem::path& out_directory);

    const std::filesystem::path& directory() const { return directory_; }
    std::filesystem::path folder(const PlannedRun& run) const { return directory_ / run.folder(); }
    bool finished(const PlannedRun& run) const;
    // run.json of a finished run (an Error naming the file when it is absent or unreadable).
    RunRecord record(const PlannedRun& run) const;
    // An artifact's bytes after checking them against run.json.
    std::vector<std::uint8_t> read(const PlannedRun& run, std::string_view artifact) const;
    // The path of an artifact after checking its bytes (for readers that map or stream it).
    std::filesystem::path verified_path(const PlannedRun& run, std::string_view artifact) const;
    // Removes a finished run (for --recompute); absent is fine.
    void remove(const PlannedRun& run) const;
    // Removes the .partial folders of processes that no longer run on this machine.
    void remove_abandoned_partials() const;

private:
    std::filesystem::path directory_;
};

// The checksum of run.json's records (CRC-32, as PNG and gzip use it).
std::uint32_t artifact_checksum(std::span<const std::uint8_t> bytes);

}  // namespace qmlr::experiments
