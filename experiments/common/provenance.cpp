#include "experiments/common/provenance.hpp"

#include <fstream>
#include <thread>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/simd_level.hpp"
#include "experiments/common/build_info.hpp"
#include "experiments/common/json_object.hpp"

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

}  // namespace

const std::string& build_revision() {
    static const std::string revision = QMLR_GIT_REVISION;
    return revision;
}

bool build_is_dirty() {
    const std::string& r = build_revision();
    return r == "unknown" || r.ends_with("-dirty");
}

std::string environment_json() {
    JsonObject environment;
    environment.add_string("git_revision", build_revision())
        .add_string("compiler", compiler())
        .add_string("cpu", cpu_model())
        .add_integer("hardware_threads", std::thread::hardware_concurrency())
        .add_integer("threads", thread_count())
        .add_string("simd", to_string(simd_level_from_environment()));
    return environment.str();
}

void require_clean_build(Profile profile, bool allow_dirty, const std::string& program) {
    if (profile != Profile::standard || allow_dirty || !build_is_dirty()) return;
    throw Error("the default profile writes the committed results, but this build of " + program + " comes from " +
                (build_revision() == "unknown" ? std::string("an unknown revision (no git)")
                                               : "uncommitted changes (" + build_revision() + ")") +
                ". Commit the changes and rebuild (make), or pass --allow-dirty to record and flag the results as "
                "coming from a dirty tree");
}

}  // namespace qmlr::experiments
