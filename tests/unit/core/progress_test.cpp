#include <doctest/doctest.h>

#include <sstream>

#include "core/progress.hpp"

TEST_CASE("durations are short and rounded") {
    CHECK(qmlr::format_duration(0.4) == "0s");
    CHECK(qmlr::format_duration(59.6) == "1m00s");
    CHECK(qmlr::format_duration(185) == "3m05s");
    CHECK(qmlr::format_duration(7620) == "2h07m");
}

TEST_CASE("the progress line shows bar, percentage, counts and ETA") {
    CHECK(qmlr::progress_line("train", 350, 1000, 62.0) ==
          "train  [#######.............]   35%  350/1000  1m02s elapsed, ETA 1m55s");
    CHECK(qmlr::progress_line("done", 10, 10, 5.0) ==
          "done  [####################]  100%  10/10  5s elapsed");
}

namespace {

// The plain lines a stage of `steps` steps, `seconds_per_step` each, prints off a terminal.
std::string plain_log(int steps, double seconds_per_step) {
    std::ostringstream out;
    double now = 0;
    qmlr::Progress progress("epochs", static_cast<std::uint64_t>(steps), out, false, [&] { return now; });
    for (int i = 0; i < steps; ++i) {
        now += seconds_per_step;
        progress.advance();
    }
    progress.finish();
    progress.finish();  // idempotent
    return out.str();
}

int line_count(const std::string& text) {
    int lines = 0;
    for (char c : text) lines += c == '\n';
    return lines;
}

}  // namespace

TEST_CASE("off a terminal, a line is due at a new quarter and 30 s after the last line") {
    CHECK(qmlr::plain_line_due(25, 100, 0, 30.0));
    CHECK_FALSE(qmlr::plain_line_due(25, 100, 0, 29.9));   // too soon
    CHECK_FALSE(qmlr::plain_line_due(24, 100, 0, 600.0));  // still the first quarter
    CHECK_FALSE(qmlr::plain_line_due(49, 100, 25, 600.0)); // that quarter already has its line
    CHECK(qmlr::plain_line_due(50, 100, 25, 30.0));
    CHECK(qmlr::plain_line_due(99, 100, 0, 30.0));
    CHECK_FALSE(qmlr::plain_line_due(100, 100, 75, 600.0));  // the final line is finish()'s
    CHECK_FALSE(qmlr::plain_line_due(0, 0, 0, 600.0));
}

TEST_CASE("off a terminal, a short stage logs its start and final lines only") {
    const std::string text = plain_log(200, 0.075);  // 15 s
    CHECK(line_count(text) == 2);
    CHECK(text.find('\r') == std::string::npos);
    CHECK(text.find("epochs  [....................]    0%  0/200  0s elapsed\n") == 0);
    CHECK(text.find("epochs  [####################]  100%  200/200  15s elapsed\n") != std::string::npos);
}

TEST_CASE("off a terminal, a long stage logs at most one line per quarter") {
    const std::string text = plain_log(20, 60.0);  // 20 minutes
    CHECK(line_count(text) == 5);  // start, 25%, 50%, 75%, final
    CHECK(text.find(" 25%  5/20") != std::string::npos);
    CHECK(text.find(" 75%  15/20") != std::string::npos);
}

TEST_CASE("on a terminal the line is redrawn in place at most 5 times a second") {
    std::ostringstream out;
    double now = 0;
    qmlr::Progress progress("work", 100, out, true, [&] { return now; });
    for (int i = 0; i < 100; ++i) {
        now += 0.01;  // one second in all
        progress.advance();
    }
    progress.finish();
    int redraws = 0;
    for (char c : out.str()) redraws += c == '\r';
    CHECK(redraws >= 5);
    CHECK(redraws <= 7);
    CHECK(out.str().back() == '\n');
}
