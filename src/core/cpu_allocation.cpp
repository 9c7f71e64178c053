#include "core/cpu_allocation.hpp"

#include <sched.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace qmlr {
namespace {

namespace fs = std::filesystem;

const fs::path kCgroupRoot = "/sys/fs/cgroup";

std::optional<double> parse_positive(std::string_view text) {
    const std::string copy(text);
    char* end = nullptr;
    const double value = std::strtod(copy.c_str(), &end);
    if (end == copy.c_str() || !std::isfinite(value) || value <= 0) return std::nullopt;
    while (*end == ' ' || *end == '\n') ++end;
    if (*end != '\0') return std::nullopt;
    return value;
}

std::optional<std::string> first_line(const fs::path& path) {
    std::ifstream in(path);
    std::string line;
    if (!in || !std::getline(in, line)) return std::nullopt;
    return line;
}

std::optional<double> smaller(std::optional<double> a, std::optional<double> b) {
    if (!a) return b;
    if (!b) return a;
    return std::min(*a, *b);
}

// The quota along `path` (relative to `mount`) and every ancestor up to the mount: a limit on
// any ancestor applies too. Folders that do not exist in this mount namespace are skipped.
template <class ReadQuota>
std::optional<double> quota_along(const fs::path& mount, const std::string& path, ReadQuota read_quota) {
    std::optional<double> quota;
    fs::path dir = (mount / fs::path(path).relative_path()).lexically_normal();
    for (;;) {
        quota = smaller(quota, read_quota(dir));
        if (dir == mount || !dir.has_parent_path() || dir.parent_path() == dir) break;
        dir = dir.parent_path();
    }
    return quota;
}

std::optional<double> cgroup2_quota(const std::string& path) {
    return quota_along(kCgroupRoot, path, [](const fs::path& dir) -> std::optional<double> {
        const auto text = first_line(dir / "cpu.max");
        return text ? parse_cgroup2_cpu_max(*text) : std::nullopt;
    });
}

std::optional<double> cgroup1_quota(const std::string& path) {
    std::optional<double> quota;
    for (const char* mount : {"cpu", "cpu,cpuacct"})
        quota = smaller(quota, quota_along(kCgroupRoot / mount, path, [](const fs::path& dir) -> std::optional<double> {
            const auto quota_us = first_line(dir / "cpu.cfs_quota_us");
            const auto period_us = first_line(dir / "cpu.cfs_period_us");
            return quota_us && period_us ? parse_cgroup1_quota(*quota_us, *period_us) : std::nullopt;
        }));
    return quota;
}

// /proc/self/cgroup lines are "ID:CONTROLLERS:PATH"; "0::PATH" is the cgroup v2 hierarchy.
std::optional<double> read_cgroup_quota() {
    std::ifstream in("/proc/self/cgroup");
    std::optional<double> quota;
    std::string line;
    while (std::getline(in, line)) {
        const auto first = line.find(':'), second = line.find(':', first + 1);
        if (first == std::string::npos || second == std::string::npos) continue;
        const std::string controllers = line.substr(first + 1, second - first - 1);
        const std::string path = line.substr(second + 1);
        if (controllers.empty()) {
            quota = smaller(quota, cgroup2_quota(path));
            continue;
        }
        std::stringstream list(controllers);
        for (std::string controller; std::getline(list, controller, ',');)
            if (controller == "cpu") quota = smaller(quota, cgroup1_quota(path));
    }
    return quota;
}

std::optional<int> read_affinity() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0) return std::nullopt;
    const int count = CPU_COUNT(&set);
    return count > 0 ? std::optional<int>(count) : std::nullopt;
}

}  // namespace

int usable_cpus(const CpuLimits& limits, int hardware) {
    int cpus = std::max(1, hardware);
    if (limits.affinity) cpus = std::min(cpus, *limits.affinity);
    if (limits.cgroup_quota) cpus = std::min(cpus, static_cast<int>(std::ceil(*limits.cgroup_quota)));
    if (limits.slurm_cpus) cpus = std::min(cpus, *limits.slurm_cpus);
    return std::max(1, cpus);
}

std::optional<double> parse_cgroup2_cpu_max(std::string_view text) {
    const auto space = text.find(' ');
    if (space == std::string_view::npos) return std::nullopt;
    const auto quota = parse_positive(text.substr(0, space));  // "max" is no limit
    const auto period = parse_positive(text.substr(space + 1));
    if (!quota || !period) return std::nullopt;
    return *quota / *period;
}

std::optional<double> parse_cgroup1_quota(std::string_view quota_us, std::string_view period_us) {
    const auto quota = parse_positive(quota_us);  // -1 is no limit
    const auto period = parse_positive(period_us);
    if (!quota || !period) return std::nullopt;
    return *quota / *period;
}

std::optional<int> parse_slurm_cpus_per_task(const char* value) {
    if (value == nullptr) return std::nullopt;
    char* end = nullptr;
    const long cpus = std::strtol(value, &end, 10);
    if (end == value || *end != '\0' || cpus < 1 || cpus > 1 << 20) return std::nullopt;
    return static_cast<int>(cpus);
}

CpuLimits read_cpu_limits() {
    return {.affinity = read_affinity(),
            .cgroup_quota = read_cgroup_quota(),
            .slurm_cpus = parse_slurm_cpus_per_task(std::getenv("SLURM_CPUS_PER_TASK"))};
}

int usable_cpu_count() {
    return usable_cpus(read_cpu_limits(), static_cast<int>(std::thread::hardware_concurrency()));
}

}  // namespace qmlr
