#pragma once
// A one-line progress display with ETA. On a terminal the line is redrawn in place (at most
// five times a second). Otherwise (a log file, CI) each stage prints a few plain lines: the start
// line, a line when progress has entered a new quarter and 30 s have passed since the last
// line, and the final line; so at most five lines per stage, and two for a short one.
// Call advance() from one thread (the driver loop), not from inside parallel chunks.
#include <chrono>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>

namespace qmlr {

// "12s", "3m05s", "2h07m"
std::string format_duration(double seconds);

// "label  [#######.............]  35%  350/1000  1m02s elapsed, ETA 1m55s"
std::string progress_line(const std::string& label, std::uint64_t done, std::uint64_t total,
                          double elapsed_seconds);

// Off a terminal: whether a plain line is due now that `done` of `total` steps are done, the last
// line showed `done_at_line` steps and was printed `seconds_since_line` ago (see above). The
// final line is finish()'s, so a finished stage is never due here.
bool plain_line_due(std::uint64_t done, std::uint64_t total, std::uint64_t done_at_line,
                    double seconds_since_line);

class Progress {
public:
    using Clock = std::function<double()>;  // seconds since an arbitrary origin

    // Writes to stderr; redraws in place when stderr is a terminal.
    Progress(std::string label, std::uint64_t total);
    // For tests and custom sinks: explicit stream, terminal mode and clock. Off a terminal the
    // start line is printed at once.
    Progress(std::string label, std::uint64_t total, std::ostream& out, bool terminal, Clock clock);

    void advance(std::uint64_t steps = 1);
    // Prints the final line (100%, total time) once.
    void finish();

private:
    void draw(bool final_line);

    std::string label_;
    std::uint64_t total_, done_ = 0, done_at_line_ = 0;
    std::ostream& out_;
    bool terminal_;
    Clock clock_;
    double start_, last_draw_ = -1.0;
    bool finished_ = false;
};

}  // namespace qmlr
