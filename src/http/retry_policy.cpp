#include "http/retry_policy.hpp"

#include "http/retry_after.hpp"

#include <algorithm>

namespace gradepost::http {

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
