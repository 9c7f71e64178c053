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

TEST_CASE("off a terminal, a plain line is printed per 10% and once at the end") {
    std::ostringstream out;
    double now = 0;
    qmlr::Progress progress("epochs", 20, out, false, [&] { return now; });
    for (int i = 0; i < 20; ++i) {
        now += 1.0;
        progress.advance();
    }
    progress.finish();
    progress.finish();  // idempotent
    const std::string text = out.str();
    int lines = 0;
    for (char c : text) lines += c == '\n';
    CHECK(lines == 10);  // 10%..90% and the final line
    CHECK(text.find('\r') == std::string::npos);
    CHECK(text.find("epochs  [####################]  100%  20/20  20s elapsed\n") != std::string::npos);
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
