#pragma once

#include "http/message.hpp"
#include "http/verdict.hpp"
#include "util/clock.hpp"

#include <chrono>
#include <random>

namespace gradepost::http {

// The first retry waits up to this long; each further retry doubles it.
inline constexpr std::chrono::milliseconds k_backoff_base{250};

// Whether a response is the platform asking us to slow down (classify() says throttled).
inline bool is_throttled(const Response& response) {
    return classify(response) == Verdict::throttled;
}

// Whether a send that ended with `response` (or with `failure` and no response) is worth
// sending again, by classify().
inline bool is_retryable(const Response& response, Failure failure) {
    return is_retryable(classify(response, failure));
}

// Whether the server may have received the request although no response came back.
inline bool may_have_reached_server(Failure failure) {
    return failure == Failure::no_answer;
}

// The upper bound of the wait before retry `retry` (1 for the first retry):
// k_backoff_base · 2^(retry − 1), never above `cap`.
std::chrono::milliseconds backoff_ceiling(int retry, std::chrono::milliseconds cap);

// Exponential backoff with full jitter: uniform in [0, backoff_ceiling(retry, cap)].
std::chrono::milliseconds backoff_delay(int retry, std::chrono::milliseconds cap,
                                        std::mt19937_64& random);

// The wait before retry `retry` of a request that got `response`: its Retry-After when it has
// a valid one (at most k_retry_after_cap), otherwise backoff_delay().
std::chrono::milliseconds retry_delay(const Response& response, int retry,
                                      std::chrono::milliseconds max_backoff, util::Instant now,
                                      std::mt19937_64& random);

} // namespace gradepost::http
