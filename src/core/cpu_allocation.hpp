#pragma once
// How many CPUs this process may use, for `--threads 0`. std::thread::hardware_concurrency()
// counts the machine's hardware threads and ignores every limit a scheduler sets, so on a
// shared node it would start one spinning worker per hardware thread of the node. The count
// here is the smallest of the limits that apply:
//   - the affinity mask (sched_getaffinity: taskset, cpusets, Slurm's task binding);
//   - the CPU quota of the process's cgroup and its ancestors (cgroup v2 `cpu.max`, v1
//     `cpu.cfs_quota_us` / `cpu.cfs_period_us`: a container's --cpus), rounded up;
//   - SLURM_CPUS_PER_TASK (a Slurm job's allocation, also when tasks are not bound);
// and at least 1. The parsers are separate so each source is tested on its own text.
#include <optional>
#include <string>
#include <string_view>

namespace qmlr {

struct CpuLimits {
    std::optional<int> affinity = std::nullopt;        // CPUs in the affinity mask
    std::optional<double> cgroup_quota = std::nullopt;  // quota / period, smallest along the path
    std::optional<int> slurm_cpus = std::nullopt;      // SLURM_CPUS_PER_TASK
};

// The smallest limit (a quota of 1.5 CPUs allows 2 threads), `hardware` when none applies;
// at least 1.
int usable_cpus(const CpuLimits& limits, int hardware);

// cgroup v2 `cpu.max`: "QUOTA PERIOD" in µs, or "max PERIOD" for no limit.
std::optional<double> parse_cgroup2_cpu_max(std::string_view text);
// cgroup v1: cpu.cfs_quota_us (-1 = no limit) and cpu.cfs_period_us.
std::optional<double> parse_cgroup1_quota(std::string_view quota_us, std::string_view period_us);
// SLURM_CPUS_PER_TASK: a positive integer; anything else is no limit (nullptr: unset).
std::optional<int> parse_slurm_cpus_per_task(const char* value);

// The limits of the calling process, read from the kernel, /proc, /sys/fs/cgroup and the
// environment.
CpuLimits read_cpu_limits();

// usable_cpus(read_cpu_limits(), hardware threads).
int usable_cpu_count();

}  // namespace qmlr
