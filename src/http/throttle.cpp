#include "http/throttle.hpp"

#include "http/retry_policy.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace gradepost::http {

namespace {

std::optional<double> parse_remaining(const std::string& value) {
    double remaining = 0;
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), remaining);
    if (error != std::errc{} || !std::isfinite(remaining))
        return std::nullopt;
    return std::max(remaining, 0.0);
}

} // namespace

Throttle::Throttle(int concurrency, std::optional<double> rate)
    : m_configured(std::max(concurrency, 1)), m_throttle_window(m_configured) {
    if (rate && *rate > 0)
        m_rate_interval = std::chrono::microseconds{static_cast<std::int64_t>(1e6 / *rate)};
}

int Throttle::window() const {
    return std::min(m_throttle_window, pacing_window());
}

util::Instant Throttle::next_start() const {
    if (!m_last_start)
        return util::Instant{};
    return *m_last_start + std::max(m_rate_interval, pacing_delay());
}

void Throttle::on_start(util::Instant now) {
    m_last_start = now;
}

void Throttle::on_response(const Response& response, util::Instant now) {
    if (auto value = response.header("X-Rate-Limit-Remaining"))
        if (auto remaining = parse_remaining(*value))
            m_remaining = remaining;

    if (is_throttled(response)) {
        m_successes = 0;
        if (!m_narrowed_at || now - *m_narrowed_at >= k_narrowing_interval) {
            m_throttle_window = std::max(1, m_throttle_window / 2);
            m_narrowed_at = now;
        }
        return;
    }
    if (response.is_success() && m_throttle_window < m_configured &&
        ++m_successes >= k_successes_per_step) {
        ++m_throttle_window;
        m_successes = 0;
    }
}

int Throttle::pacing_window() const {
    if (!m_remaining || *m_remaining >= k_pacing_threshold)
        return m_configured;
    auto share = *m_remaining / k_pacing_threshold;
    return std::max(1, static_cast<int>(std::ceil(m_configured * share)));
}

std::chrono::microseconds Throttle::pacing_delay() const {
    if (!m_remaining || *m_remaining >= k_pacing_threshold)
        return std::chrono::microseconds{0};
    auto shortfall = 1.0 - *m_remaining / k_pacing_threshold;
    return std::chrono::duration_cast<std::chrono::microseconds>(k_max_pacing_delay * shortfall);
}

} // namespace gradepost::http
