#include "core/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace qmlr {

std::string format_duration(double seconds) {
    const auto s = static_cast<long long>(std::llround(std::max(0.0, seconds)));
    char text[32];
    if (s < 60)
        std::snprintf(text, sizeof text, "%llds", s);
    else if (s < 3600)
        std::snprintf(text, sizeof text, "%lldm%02llds", s / 60, s % 60);
    else
        std::snprintf(text, sizeof text, "%lldh%02lldm", s / 3600, (s % 3600) / 60);
    return text;
}

std::string progress_line(const std::string& label, std::uint64_t done, std::uint64_t total,
                          double elapsed_seconds) {
    constexpr int kBarWidth = 20;
    const double fraction = total == 0 ? 1.0 : std::min(1.0, double(done) / double(total));
    const int filled = static_cast<int>(fraction * kBarWidth);
    std::string line = label + "  [" + std::string(filled, '#') +
                       std::string(kBarWidth - filled, '.') + "]  ";
    char numbers[96];
    std::snprintf(numbers, sizeof numbers, "%3d%%  %llu/%llu  ", static_cast<int>(fraction * 100),
                  static_cast<unsigned long long>(done), static_cast<unsigned long long>(total));
    line += numbers;
    line += format_duration(elapsed_seconds) + " elapsed";
    if (done > 0 && done < total)
        line += ", ETA " + format_duration(elapsed_seconds * double(total - done) / double(done));
    return line;
}

bool plain_line_due(std::uint64_t done, std::uint64_t total, std::uint64_t done_at_line,
                    double seconds_since_line) {
    constexpr double kMinimumSeconds = 30.0;
    if (done >= total) return false;
    const auto quarter = [total](std::uint64_t steps) { return steps * 4 / total; };
    return quarter(done) > quarter(done_at_line) && seconds_since_line >= kMinimumSeconds;
}

namespace {
double steady_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
}  // namespace

Progress::Progress(std::string label, std::uint64_t total)
    : Progress(std::move(label), total, std::cerr, ::isatty(STDERR_FILENO) != 0, steady_seconds) {}

Progress::Progress(std::string label, std::uint64_t total, std::ostream& out, bool terminal,
                   Clock clock)
    : label_(std::move(label)), total_(total), out_(out), terminal_(terminal),
      clock_(std::move(clock)), start_(clock_()) {
    if (!terminal_) draw(false);
}

void Progress::advance(std::uint64_t steps) {
    done_ = std::min(total_, done_ + steps);
    if (terminal_) {
        if (clock_() - last_draw_ >= 0.2) draw(false);
        return;
    }
    if (plain_line_due(done_, total_, done_at_line_, clock_() - last_draw_)) draw(false);
}

void Progress::finish() {
    if (finished_) return;
    finished_ = true;
    done_ = total_;
    draw(true);
}

void Progress::draw(bool final_line) {
    last_draw_ = clock_();
    done_at_line_ = done_;
    const std::string line = progress_line(label_, done_, total_, last_draw_ - start_);
    if (terminal_)
        out_ << '\r' << line << "\x1b[K" << (final_line ? "\n" : "") << std::flush;
    else
        out_ << line << '\n' << std::flush;
}

}  // namespace qmlr
