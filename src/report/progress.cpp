#include "report/progress.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string_view>
#include <utility>

namespace gradepost::report {

namespace {

constexpr std::size_t k_bar_width = 30;
constexpr auto k_redraw_interval = std::chrono::milliseconds(100);
// Carriage return, then erase to the end of the line (ANSI EL).
constexpr std::string_view k_clear_line = "\r\x1b[K";

// "0:41", "12:03", "1:02:03"
std::string duration_text(double seconds) {
    auto whole = static_cast<long long>(std::ceil(seconds));
    if (whole >= 3600)
        return fmt::format("{}:{:02}:{:02}", whole / 3600, whole / 60 % 60, whole % 60);
    return fmt::format("{}:{:02}", whole / 60, whole % 60);
}

} // namespace

std::string progress_line(std::string_view label, std::size_t done, std::size_t total,
                          double elapsed_seconds) {
    std::string line(label);
    if (total > 0) {
        std::size_t filled = std::min(done, total) * k_bar_width / total;
        line += " [";
        line.append(filled, '=');
        if (filled < k_bar_width) {
            line += '>';
            line.append(k_bar_width - filled - 1, ' ');
        }
        line += ']';
    }
    fmt::format_to(std::back_inserter(line), " {}/{}", done, total);
    if (done == 0 || !(elapsed_seconds > 0))
        return line;
    double rate = static_cast<double>(done) / elapsed_seconds;
    fmt::format_to(std::back_inserter(line), "  {:.1f}/s", rate);
    if (done < total)
        line += "  ETA " + duration_text(static_cast<double>(total - done) / rate);
    return line;
}

Progress::Progress(std::string label, std::size_t total, bool is_enabled, std::FILE* sink)
    : m_label(std::move(label)), m_total(total), m_is_enabled(is_enabled), m_sink(sink),
      m_start(std::chrono::steady_clock::now()) {
    if (m_is_enabled)
        draw();
}

Progress::~Progress() {
    finish();
}

void Progress::advance(std::size_t count) {
    m_done += count;
    if (!m_is_enabled || m_is_finished)
        return;
    if (std::chrono::steady_clock::now() - m_last_draw >= k_redraw_interval)
        draw();
}

void Progress::finish() {
    if (m_is_finished)
        return;
    m_is_finished = true;
    if (!m_is_enabled)
        return;
    std::fwrite(k_clear_line.data(), 1, k_clear_line.size(), m_sink);
    std::fflush(m_sink);
}

void Progress::draw() {
    auto now = std::chrono::steady_clock::now();
    m_last_draw = now;
    // The whole line in one write so it never tears.
    std::string line(k_clear_line);
    line += progress_line(m_label, m_done, m_total,
                          std::chrono::duration<double>(now - m_start).count());
    std::fwrite(line.data(), 1, line.size(), m_sink);
    std::fflush(m_sink);
}

} // namespace gradepost::report
