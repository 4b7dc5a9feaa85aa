#pragma once

#include "http/message.hpp"
#include "util/clock.hpp"

#include <chrono>
#include <optional>

namespace gradepost::http {

// Canvas's default rate-limit bucket; X-Rate-Limit-Remaining starts there.
inline constexpr double k_canvas_bucket = 700;
// Below this X-Rate-Limit-Remaining, starts are paced so that the run stays under the bucket.
inline constexpr double k_pacing_threshold = 300;
// The pause between starts when the bucket is empty; it shrinks linearly to none at the
// threshold.
inline constexpr std::chrono::milliseconds k_max_pacing_delay{1000};
// Successful responses that widen a narrowed window by one request.
inline constexpr int k_successes_per_step = 20;
// Throttling answers closer together than this narrow the window once: they were in flight
// together and report the same overload.
inline constexpr std::chrono::seconds k_narrowing_interval{1};

// Decides how many requests may be in flight and when the next one may start, from the
// responses seen so far. Pure: time comes in as arguments, so tests drive it with a fake clock.
//  - throttling (429, Canvas's 403) halves the window (at least 1); every k_successes_per_step
//    successes then widen it by one, up to the configured concurrency;
//  - X-Rate-Limit-Remaining below k_pacing_threshold narrows the window in proportion and
//    spaces starts by up to k_max_pacing_delay;
//  - `rate` spaces starts by 1/rate seconds (a token bucket holding one token).
class Throttle {
public:
    Throttle(int concurrency, std::optional<double> rate);

    // Requests allowed in flight now: 1 ≤ window() ≤ the configured concurrency.
    int window() const;

    // The earliest time the next request may start.
    util::Instant next_start() const;

    // Whether a request may start at `now` with `in_flight` others running.
    bool may_start(int in_flight, util::Instant now) const {
        return in_flight < window() && next_start() <= now;
    }

    void on_start(util::Instant now);
    void on_response(const Response& response, util::Instant now);

private:
    int pacing_window() const;
    std::chrono::microseconds pacing_delay() const;

    int m_configured;
    int m_throttle_window;
    int m_successes = 0;
    std::optional<util::Instant> m_narrowed_at;
    std::chrono::microseconds m_rate_interval{0};
    std::optional<util::Instant> m_last_start;
    std::optional<double> m_remaining;
};

} // namespace gradepost::http
