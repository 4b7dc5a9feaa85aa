#pragma once

#include "http/bucket_pacer.hpp"
#include "http/message.hpp"
#include "util/clock.hpp"

#include <chrono>
#include <optional>

namespace gradepost::http {

// Successful responses that widen a narrowed window by one request.
inline constexpr int k_successes_per_step = 20;
// Throttling answers closer together than this narrow the window once: they were in flight
// together and report the same overload.
inline constexpr std::chrono::seconds k_narrowing_interval{1};

// Decides how many requests may be in flight and when the next one may start, from the
// responses seen so far. Pure: time comes in as arguments, so tests drive it with a fake clock.
//  - X-Rate-Limit-Remaining and X-Request-Cost (Canvas's bucket) pace starts so that the
//    bucket never overflows (BucketPacer): the burst at once, then the drain rate;
//  - throttling (429, Canvas's 403), the safety net, halves the window (at least 1); every
//    k_successes_per_step successes then widen it by one, up to the configured concurrency;
//  - `rate` spaces starts by 1/rate seconds (a token bucket holding one token).
class Throttle {
public:
    Throttle(int concurrency, std::optional<double> rate);

    // Requests allowed in flight now: 1 ≤ window() ≤ the configured concurrency.
    int window() const { return m_throttle_window; }

    // The earliest time the next request may start with `in_flight` others running, if none
    // of them ends first (util::Instant::max(): only an answer can tell).
    util::Instant next_start(int in_flight) const;

    // Whether a request may start at `now` with `in_flight` others running.
    bool may_start(int in_flight, util::Instant now) const {
        return in_flight < window() && next_start(in_flight) <= now;
    }

    void on_start(util::Instant now);
    // `sent_at`: when the answered request was started; `in_flight`: requests still running.
    void on_response(const Response& response, util::Instant sent_at, int in_flight,
                     util::Instant now);

    const BucketPacer& pacer() const { return m_pacer; }

private:
    int m_configured;
    int m_throttle_window;
    int m_successes = 0;
    std::optional<util::Instant> m_narrowed_at;
    std::chrono::microseconds m_rate_interval{0};
    std::optional<util::Instant> m_last_start;
    BucketPacer m_pacer;
};

} // namespace gradepost::http
