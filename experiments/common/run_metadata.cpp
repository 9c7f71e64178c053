#include "experiments/common/run_metadata.hpp"

#include <fstream>
#include <sstream>
#include <thread>

#include "core/atomic_file.hpp"
#include "core/parallel.hpp"
#include "core/simd_level.hpp"
#include "experiments/common/build_info.hpp"

namespace qmlr::experiments {

namespace {

std::string cpu_model() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("model name", 0) != 0) continue;
        const auto colon = line.find(':');
        if (colon != std::string::npos) return line.substr(line.find_first_not_of(' ', colon + 1));
    }
    return "unknown";
}

std::string compiler() {
#if defined(__clang__)
    return "clang " __clang_version__;
#elif defined(__GNUC__)
    return "g++ " __VERSION__;
#else
    return "unknown";
#endif
}

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    std::string content = text.str();
    while (!content.empty() && (content.back() == '\n' || content.back() == ' ')) content.pop_back();
    return content;
}

void write_text(const std::filesystem::path& path, const std::string& text) {
    AtomicFile file(path);
    file.stream() << text << '\n';
    file.commit();
}

}  // namespace

StageTimer::StageTimer() : origin_(Clock::now()) {}

void StageTimer::start(std::string stage) { starts_.emplace_back(std::move(stage), Clock::now()); }

double StageTimer::total_seconds() const {
    return std::chrono::duration<double>(Clock::now() - origin_).count();
}

std::string StageTimer::json() const {
    JsonObject stages;
    for (std::size_t i = 0; i < starts_.size(); ++i) {
        const auto end = i + 1 < starts_.size() ? starts_[i + 1].second : Clock::now();
        stages.add_number(starts_[i].first, std::chrono::duration<double>(end - starts_[i].second).count());
    }
    return stages.str();
}

std::string environment_json() {
    JsonObject environment;
    environment.add_string("git_revision", QMLR_GIT_REVISION)
        .add_string("compiler", compiler())
        .add_string("cpu", cpu_model())
        .add_integer("hardware_threads", std::thread::hardware_concurrency())
        .add_integer("threads", thread_count())
        .add_string("simd", simd_level_from_environment() == SimdLevel::avx2 ? "avx2" : "scalar");
    return environment.str();
}

void write_run_meta(const RunStore& store, const RunId& run, const StageTimer& stages) {
    JsonObject meta;
    meta.add_string("run", run.name)
        .add_string("config_hash", run.config.hex())
        .add_string("config", run.config.text())
        .add_string("git_revision", QMLR_GIT_REVISION)
        .add_integer("threads", thread_count())
        .add_number("seconds", stages.total_seconds())
        .add_raw("stages", stages.json());
    write_text(store.file(run, "meta.json"), meta.str());
}

ProgramMeta::ProgramMeta(std::string program, const RunOptions& options)
    : program_(std::move(program)), options_(options), started_(std::chrono::steady_clock::now()) {}

void ProgramMeta::add_run(const RunStore& store, const RunId& run) {
    const auto path = store.file(run, "meta.json");
    runs_.push_back(std::filesystem::exists(path) ? read_text(path)
                                                  : JsonObject().add_string("run", run.name)
                                                        .add_string("status", "not finished").str());
}

void ProgramMeta::write(const std::filesystem::path& path) const {
    std::vector<std::string> seeds;
    for (auto seed : options_.seeds) seeds.push_back(std::to_string(seed));
    JsonObject meta;
    meta.add_string("program", program_)
        .add_raw("environment", environment_json())
        .add_string("profile", to_string(options_.profile))
        .add_raw("seeds", json_array(seeds))
        .add_string("shard", std::to_string(options_.shard.index) + "/" + std::to_string(options_.shard.count))
        .add_string("data", options_.data.string())
        .add_raw("settings", settings_.str())
        .add_number("wall_seconds",
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count())
        .add_raw("runs", json_array(runs_));
    write_text(path, meta.str());
}

}  // namespace qmlr::experiments
