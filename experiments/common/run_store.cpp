#include "experiments/common/run_store.hpp"

#include <signal.h>

#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "data_loaders/crc32.hpp"
#include "experiments/common/json_value.hpp"

namespace qmlr::experiments {

namespace fs = std::filesystem;

namespace {

std::vector<std::uint8_t> read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    require(static_cast<bool>(in), "cannot read " + path.string());
    std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return bytes;
}

std::string fix_for(const PlannedRun& run, const fs::path& folder) {
    return "the stored run is damaged; recompute it with --recompute " + run.name + " (or delete " + folder.string() +
           ")";
}

// A "<folder>.partial-<pid>" suffix's process id, or 0 when the name has none.
long partial_pid(const std::string& name) {
    const auto at = name.rfind(".partial-");
    if (at == std::string::npos) return 0;
    try {
        return std::stol(name.substr(at + 9));
    } catch (const std::exception&) {
        return 0;
    }
}

}  // namespace

std::uint32_t artifact_checksum(std::span<const std::uint8_t> bytes) { return data::crc32(bytes); }

RunStore::RunStore(const fs::path& out_directory) : directory_(out_directory / "runs") {}

bool RunStore::finished(const PlannedRun& run) const { return fs::exists(folder(run) / "run.json"); }

RunRecord RunStore::record(const PlannedRun& run) const {
    const fs::path path = folder(run) / "run.json";
    const auto bytes = read_bytes(path);
    const JsonValue json = JsonValue::parse(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()),
                                            path.string());
    RunRecord record;
    try {
        record.stage = json.at("stage").text();
        record.name = json.at("run").text();
        record.key = json.at("key").text();
        record.key_text = json.at("key_text").text();
        for (const JsonValue& input : json.at("inputs").items()) record.inputs.push_back(input.text());
        for (const JsonValue& a : json.at("artifacts").items())
            record.artifacts.push_back({a.at("name").text(), static_cast<std::uint64_t>(a.at("bytes").number()),
                                        static_cast<std::uint32_t>(a.at("crc32").number())});
        record.revision = json.at("revision").text();
        record.simd = json.at("simd").text();
        record.threads = static_cast<std::int64_t>(json.at("threads").number());
        record.seconds = json.at("seconds").number();
        const JsonValue& stages = json.at("stages");
        for (const std::string& stage : stages.keys()) record.stage_seconds.emplace_back(stage, stages.at(stage).number());
    } catch (const Error& error) {
        throw Error(std::string(error.what()) + "; " + fix_for(run, folder(run)));
    }
    require(record.key == run.key.hex(), path.string() + ": records key " + record.key + ", expected " +
                                             run.key.hex() + "; " + fix_for(run, folder(run)));
    return record;
}

namespace {

// The artifact's record in run.json; an Error with the fix when it has none.
const ArtifactRecord& artifact_record(const RunRecord& record, const PlannedRun& run, const fs::path& folder,
                                      std::string_view artifact) {
    for (const ArtifactRecord& a : record.artifacts)
        if (a.name == artifact) return a;
    throw Error(folder.string() + " has no artifact '" + std::string(artifact) + "' (its run.json lists " +
                std::to_string(record.artifacts.size()) + "); " + fix_for(run, folder));
}

void check_bytes(const ArtifactRecord& a, const std::vector<std::uint8_t>& bytes, const fs::path& path,
                 const std::string& fix) {
    const std::uint32_t crc = artifact_checksum(bytes);
    if (bytes.size() == a.bytes && crc == a.crc32) return;
    char found[9], expected[9];
    std::snprintf(found, sizeof found, "%08x", crc);
    std::snprintf(expected, sizeof expected, "%08x", a.crc32);
    throw Error(path.string() + ": checksum mismatch (run.json records " + std::to_string(a.bytes) + " bytes, CRC-32 " +
                expected + "; the file has " + std::to_string(bytes.size()) + " bytes, CRC-32 " + found + "): " + fix);
}

}  // namespace

std::vector<std::uint8_t> RunStore::read(const PlannedRun& run, std::string_view artifact) const {
    const fs::path dir = folder(run), path = dir / artifact;
    const RunRecord stored = record(run);
    const ArtifactRecord& a = artifact_record(stored, run, dir, artifact);
    require(fs::exists(path), path.string() + " is missing; " + fix_for(run, dir));
    std::vector<std::uint8_t> bytes = read_bytes(path);
    check_bytes(a, bytes, path, fix_for(run, dir));
    return bytes;
}

fs::path RunStore::verified_path(const PlannedRun& run, std::string_view artifact) const {
    read(run, artifact);
    return folder(run) / artifact;
}

void RunStore::remove(const PlannedRun& run) const { fs::remove_all(folder(run)); }

void RunStore::remove_abandoned_partials() const {
    std::error_code error;
    if (!fs::is_directory(directory_, error)) return;
    for (const auto& entry : fs::directory_iterator(directory_)) {
        const long pid = partial_pid(entry.path().filename().string());
        // kill(pid, 0) fails with ESRCH when no such process exists on this machine.
        if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) fs::remove_all(entry.path(), error);
    }
}

}  // namespace qmlr::experiments
