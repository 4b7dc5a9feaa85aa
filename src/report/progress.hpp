#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace gradepost::report {

// "posting [=====>    ] 41/300  12.3/s  ETA 0:21": the bar's text after `elapsed_seconds`.
// The rate and the time left (at the rate so far) appear once something is done.
std::string progress_line(std::string_view label, std::size_t done, std::size_t total,
                          double elapsed_seconds);

// A progress bar on stderr, drawn only when enabled (stderr is a terminal and neither
// --quiet nor --json), redrawn at most 10 times a second, cleared by finish().
// Not thread-safe: advance it from the thread that collects the results.
class Progress {
public:
    Progress(std::string label, std::size_t total, bool is_enabled, std::FILE* sink = stderr);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;
    void advance(std::size_t count = 1);
    void finish();

private:
    std::string m_label;
    std::size_t m_total;
    std::size_t m_done = 0;
    bool m_is_enabled;
    bool m_is_finished = false;
    std::FILE* m_sink;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_last_draw{};
    void draw();
};

} // namespace gradepost::report
