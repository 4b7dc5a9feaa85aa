#pragma once

// Canvas's rate limit as a client sees it. The platform keeps one leaky bucket per token's
// client id:
//  - a starting request is charged a pre-flight amount, held while it runs; a request that
//    would lift the level over the high-water mark is refused (403 "Rate Limit Exceeded");
//  - when it ends, the pre-flight amount is given back and its cost (its time) charged;
//  - the level drains at a constant rate, never below empty.
// Each answer says `X-Rate-Limit-Remaining` (the mark minus the level, with the pre-flight
// charges of the requests still running) and `X-Request-Cost`. The mark, the drain rate and
// the pre-flight charge are the platform's settings and are not sent: the drain rate and the
// pre-flight charge are learned from successive answers; the mark is never needed, since
// `remaining` is measured from it.

#include "http/message.hpp"
#include "util/clock.hpp"

#include <chrono>
#include <deque>
#include <optional>

namespace gradepost::http {

// The pre-flight charge assumed until one is measured: Canvas's default.
inline constexpr double k_default_preflight_charge = 50;
// What is kept in hand beyond the charges, against rounding and a drain rate learned a little
// high: a share of the pre-flight charge plus a few units.
inline constexpr double k_margin_share = 0.1;
inline constexpr double k_margin_units = 1.0;
// The learned drain rate is used at this share, so that pacing errs on the slow side (an
// answer then shows the bucket fuller than predicted and the next start comes sooner).
inline constexpr double k_drain_safety = 0.9;
// With the drain rate still unknown and nothing running, one request is sent after this
// long to measure it (the bucket has room for it: see BucketPacer::next_start).
inline constexpr std::chrono::milliseconds k_drain_probe_wait{250};
// With the drain rate unknown and no room for even one request (another program spent the
// bucket), a request goes after this long anyway; a 403 is retried and teaches the drain.
inline constexpr std::chrono::seconds k_blind_probe_wait{2};

// Decides when the next request may start so that the bucket never overflows: the burst is
// spent at once, then starts follow the drain. Pure: time comes in as arguments. Before any
// answer carries X-Rate-Limit-Remaining (a platform without the bucket) it never holds.
class BucketPacer {
public:
    // The earliest time a request may start with `in_flight` others running, if none of them
    // ends first; util::Instant::max() when only an answer can tell.
    util::Instant next_start(int in_flight) const;

    bool may_start(int in_flight, util::Instant now) const { return next_start(in_flight) <= now; }

    void on_start(util::Instant now);
    // `sent_at`: when the answered request was started; `in_flight`: requests still running.
    void on_response(const Response& response, util::Instant sent_at, int in_flight,
                     util::Instant now);

    // What has been learned so far (units per second; units).
    std::optional<double> drain_rate() const;
    double preflight_charge() const;

private:
    struct Answer {
        double remaining = 0;
        util::Instant at{};
        int in_flight = 0;
        bool is_alone = false; // its request was the only one from its start to this answer
    };
    struct DrainSample {
        double units = 0;
        double seconds = 0;
    };

    double margin() const;
    void learn(const Answer& answer, double cost, bool is_refused);

    std::optional<Answer> m_last;
    int m_starts_since_last = 0;
    util::Instant m_last_start{};
    std::optional<std::chrono::microseconds> m_shortest_round_trip;
    double m_highest_remaining = 0; // the best lower bound of the high-water mark
    double m_highest_cost = 0;
    std::deque<DrainSample> m_drain_samples; // the last k_drain_window_seconds or so
    double m_drain_seconds = 0;              // of the samples kept
    std::deque<double> m_preflight_samples;
    double m_refused_below = 0; // a refused request's charge was more than what remained
};

} // namespace gradepost::http
