#include "experiments/report/run_summary.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "experiments/common/json_value.hpp"

namespace qmlr::report {

using experiments::JsonValue;

std::optional<RunSummary> read_run_summary(const std::filesystem::path& meta_file) {
    if (!std::filesystem::exists(meta_file)) return std::nullopt;
    std::ifstream in(meta_file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    require(static_cast<bool>(in), meta_file.string() + ": could not be read");
    const JsonValue meta = JsonValue::parse(text.str(), meta_file.string());

    RunSummary summary;
    const JsonValue& environment = meta.at("environment");
    summary.git_revision = environment.at("git_revision").text();
    summary.compiler = environment.at("compiler").text();
    summary.cpu = environment.at("cpu").text();
    summary.simd = environment.at("simd").text();
    summary.threads = static_cast<long long>(environment.at("threads").number());
    summary.hardware_threads = static_cast<long long>(environment.at("hardware_threads").number());
    summary.profile = meta.at("profile").text();
    for (char c : meta.at("seeds").text()) summary.seeds += c == ',' ? std::string(", ") : std::string(1, c);
    summary.wall_seconds = meta.at("wall_seconds").number();
    summary.allow_dirty = meta.at("allow_dirty").boolean();
    for (const JsonValue& table : meta.at("tables").items()) {
        TableProvenance provenance{table.at("name").text(), static_cast<long long>(table.at("runs").number()), {},
                                   table.at("compute_seconds").number()};
        for (const JsonValue& r : table.at("revisions").items()) provenance.revisions.push_back(r.text());
        summary.tables.push_back(std::move(provenance));
    }
    return summary;
}

std::string format_duration(double seconds) {
    char buffer[32];
    if (seconds < 120)
        std::snprintf(buffer, sizeof buffer, "%.0f s", seconds);
    else if (seconds < 7200)
        std::snprintf(buffer, sizeof buffer, "%.1f min", seconds / 60);
    else
        std::snprintf(buffer, sizeof buffer, "%.1f h", seconds / 3600);
    return buffer;
}

}  // namespace qmlr::report
