#include "http/retry_policy.hpp"

#include "http/retry_after.hpp"

#include <algorithm>

namespace gradepost::http {

namespace {

constexpr std::string_view k_canvas_throttle_text = "Rate Limit Exceeded";

} // namespace

bool is_throttled(const Response& response) {
    if (response.status == 429)
        return true;
    // Canvas throttles with 403 rather than 429; a 403 without this text is a real refusal.
    return response.status == 403 &&
           (response.reason.find(k_canvas_throttle_text) != std::string::npos ||
            response.body.find(k_canvas_throttle_text) != std::string::npos);
}

bool is_retryable(const Response& response, Failure failure) {
    switch (failure) {
    case Failure::not_sent:
    case Failure::no_answer:
        return true;
    case Failure::tls:
    case Failure::fatal:
        return false;
    case Failure::none:
        break;
    }
    switch (response.status) {
    case 500:
    case 502:
    case 503:
    case 504:
        return true;
    default:
        return is_throttled(response);
    }
}

std::chrono::milliseconds backoff_ceiling(int retry, std::chrono::milliseconds cap) {
    auto ceiling = k_backoff_base;
    // Doubling stops at the cap, so large retry numbers cannot overflow.
    for (int i = 1; i < retry && ceiling < cap; ++i)
        ceiling *= 2;
    return std::min(ceiling, cap);
}

std::chrono::milliseconds backoff_delay(int retry, std::chrono::milliseconds cap,
                                        std::mt19937_64& random) {
    auto ceiling = backoff_ceiling(retry, cap);
    std::uniform_int_distribution<std::int64_t> jitter(0,
                                                       std::max<std::int64_t>(ceiling.count(), 0));
    return std::chrono::milliseconds{jitter(random)};
}

std::chrono::milliseconds retry_delay(const Response& response, int retry,
                                      std::chrono::milliseconds max_backoff, util::Instant now,
                                      std::mt19937_64& random) {
    if (auto value = response.header("Retry-After")) {
        if (auto delay = parse_retry_after(*value, now))
            return std::min<std::chrono::milliseconds>(*delay, k_retry_after_cap);
    }
    return backoff_delay(retry, max_backoff, random);
}

} // namespace gradepost::http
