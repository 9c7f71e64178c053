// usable_cpus and the parsers of each source of a CPU limit.
#include <doctest/doctest.h>

#include <thread>

#include "core/cpu_allocation.hpp"

using qmlr::CpuLimits;

TEST_CASE("cpu allocation: without limits, the hardware count (at least 1)") {
    CHECK(qmlr::usable_cpus({}, 64) == 64);
    CHECK(qmlr::usable_cpus({}, 0) == 1);
}

TEST_CASE("cpu allocation: the affinity mask limits the count") {
    CHECK(qmlr::usable_cpus({.affinity = 4}, 64) == 4);
    CHECK(qmlr::usable_cpus({.affinity = 128}, 64) == 64);
}

TEST_CASE("cpu allocation: a cgroup quota limits the count, rounded up") {
    CHECK(qmlr::usable_cpus({.cgroup_quota = 2.0}, 64) == 2);
    CHECK(qmlr::usable_cpus({.cgroup_quota = 1.5}, 64) == 2);
    CHECK(qmlr::usable_cpus({.cgroup_quota = 0.2}, 64) == 1);
    // cgroup v2 cpu.max: "quota period" in µs, "max" for none.
    CHECK(qmlr::parse_cgroup2_cpu_max("150000 100000") == doctest::Approx(1.5));
    CHECK(qmlr::parse_cgroup2_cpu_max("200000 100000\n") == doctest::Approx(2.0));
    CHECK_FALSE(qmlr::parse_cgroup2_cpu_max("max 100000").has_value());
    CHECK_FALSE(qmlr::parse_cgroup2_cpu_max("").has_value());
    CHECK_FALSE(qmlr::parse_cgroup2_cpu_max("garbage").has_value());
    // cgroup v1: cpu.cfs_quota_us (-1 for none) over cpu.cfs_period_us.
    CHECK(qmlr::parse_cgroup1_quota("400000", "100000") == doctest::Approx(4.0));
    CHECK_FALSE(qmlr::parse_cgroup1_quota("-1", "100000").has_value());
    CHECK_FALSE(qmlr::parse_cgroup1_quota("400000", "0").has_value());
}

TEST_CASE("cpu allocation: SLURM_CPUS_PER_TASK limits the count") {
    CHECK(qmlr::parse_slurm_cpus_per_task("3") == 3);
    CHECK_FALSE(qmlr::parse_slurm_cpus_per_task(nullptr).has_value());
    CHECK_FALSE(qmlr::parse_slurm_cpus_per_task("").has_value());
    CHECK_FALSE(qmlr::parse_slurm_cpus_per_task("0").has_value());
    CHECK_FALSE(qmlr::parse_slurm_cpus_per_task("2x").has_value());
    CHECK(qmlr::usable_cpus({.slurm_cpus = 3}, 64) == 3);
}

TEST_CASE("cpu allocation: the smallest limit wins") {
    const CpuLimits limits{.affinity = 8, .cgroup_quota = 5.5, .slurm_cpus = 7};
    CHECK(qmlr::usable_cpus(limits, 64) == 6);
    CHECK(qmlr::usable_cpus({.affinity = 8, .cgroup_quota = 5.5, .slurm_cpus = 2}, 64) == 2);
    CHECK(qmlr::usable_cpus({.affinity = 1, .cgroup_quota = 5.5, .slurm_cpus = 7}, 64) == 1);
}

TEST_CASE("cpu allocation: this process's own limits are read and respected") {
    const CpuLimits limits = qmlr::read_cpu_limits();
    REQUIRE(limits.affinity.has_value());  // sched_getaffinity works on Linux
    const int hardware = static_cast<int>(std::thread::hardware_concurrency());
    const int usable = qmlr::usable_cpu_count();
    CHECK(usable >= 1);
    CHECK(usable <= std::max(1, hardware));
    CHECK(usable <= *limits.affinity);
}
