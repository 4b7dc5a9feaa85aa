#include "report/progress.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <string_view>
#include <utility>

namespace gradepost::report {

namespace {

constexpr std::size_t k_bar_width = 30;
constexpr auto k_redraw_interval = std::chrono::milliseconds(100);
// Carriage return, then erase to the end of the line (ANSI EL).
constexpr std::string_view k_clear_line = "\r\x1b[K";

} // namespace

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

// "\r<label> [=====>    ] 41/300  12.3/s", the whole line in one write so it never tears.
void Progress::draw() {
    auto now = std::chrono::steady_clock::now();
    m_last_draw = now;
    std::string line(k_clear_line);
    line += m_label;
    if (m_total > 0) {
        std::size_t filled = std::min(m_done, m_total) * k_bar_width / m_total;
        line += " [";
        line.append(filled, '=');
        if (filled < k_bar_width) {
            line += '>';
            line.append(k_bar_width - filled - 1, ' ');
        }
        line += ']';
    }
    fmt::format_to(std::back_inserter(line), " {}/{}", m_done, m_total);
    double seconds = std::chrono::duration<double>(now - m_start).count();
    if (m_done > 0 && seconds > 0)
        fmt::format_to(std::back_inserter(line), "  {:.1f}/s", m_done / seconds);
    std::fwrite(line.data(), 1, line.size(), m_sink);
    std::fflush(m_sink);
}

} // namespace gradepost::report
