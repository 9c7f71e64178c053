#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "core/error.hpp"
#include "core/plot_ticks.hpp"

using qmlr::nice_scale;
using qmlr::tick_label;

namespace {

// Whether `step` is 1, 2 or 5 times a power of ten.
bool is_nice(double step) {
    const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-12));
    return std::fabs(mantissa - 1) < 1e-9 || std::fabs(mantissa - 2) < 1e-9 || std::fabs(mantissa - 5) < 1e-9;
}

}  // namespace

TEST_CASE("nice_scale picks 1-2-5 steps whose ticks enclose the data") {
    const auto unit = nice_scale(0.03, 0.87);
    CHECK(unit.step == doctest::Approx(0.2));
    CHECK(unit.decimals == 1);
    REQUIRE(unit.ticks.size() == 6);
    CHECK(unit.ticks.front() == 0.0);
    CHECK(unit.ticks.back() == doctest::Approx(1.0));

    const auto percent = nice_scale(23, 99);
    CHECK(percent.ticks == std::vector<double>{20, 40, 60, 80, 100});
    CHECK(percent.decimals == 0);

    for (const auto& [low, high] : std::vector<std::pair<double, double>>{
             {0, 5}, {-3.2, 7.9}, {0.001, 0.0042}, {12345, 98765}, {-0.5, -0.1}, {89.5, 90.5}}) {
        const auto scale = nice_scale(low, high);
        CAPTURE(low);
        CAPTURE(high);
        CHECK(is_nice(scale.step));
        CHECK(scale.min <= low);
        CHECK(scale.max >= high);
        CHECK(scale.ticks.size() >= 3);
        CHECK(scale.ticks.size() <= 12);
        for (std::size_t i = 1; i < scale.ticks.size(); ++i)
            CHECK(scale.ticks[i] - scale.ticks[i - 1] == doctest::Approx(scale.step));
    }
}

TEST_CASE("nice_scale widens a single value and rejects what is not a range") {
    const auto single = nice_scale(5, 5);
    CHECK(single.min < 5);
    CHECK(single.max > 5);
    const auto zero = nice_scale(0, 0);
    CHECK(zero.min < 0);
    CHECK(zero.max > 0);
    CHECK_THROWS_AS(nice_scale(2, 1), qmlr::Error);
    CHECK_THROWS_AS(nice_scale(0, std::nan("")), qmlr::Error);
    CHECK_THROWS_AS(nice_scale(0, INFINITY), qmlr::Error);
}

TEST_CASE("tick labels have the scale's decimals and no negative zero") {
    CHECK(tick_label(0.30000000000000004, 1) == "0.3");
    CHECK(tick_label(100, 0) == "100");
    CHECK(tick_label(-0.0001, 1) == "0.0");
    CHECK(tick_label(0.25, 2) == "0.25");
    CHECK(tick_label(-20, 0) == "-20");
}
