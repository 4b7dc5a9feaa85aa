#include "http/throttle.hpp"

#include "http/retry_policy.hpp"

#include <algorithm>

namespace gradepost::http {

Throttle::Throttle(int concurrency, std::optional<double> rate)
    : m_configured(std::max(concurrency, 1)), m_throttle_window(m_configured) {
    if (rate && *rate > 0)
        m_rate_interval = std::chrono::microseconds{static_cast<std::int64_t>(1e6 / *rate)};
}

util::Instant Throttle::next_start(int in_flight) const {
    auto paced = m_pacer.next_start(in_flight);
    if (!m_last_start)
        return paced;
    return std::max(*m_last_start + m_rate_interval, paced);
}

void Throttle::on_start(util::Instant now) {
    m_last_start = now;
    m_pacer.on_start(now);
}

void Throttle::on_response(const Response& response, util::Instant sent_at, int in_flight,
                           util::Instant now) {
    m_pacer.on_response(response, sent_at, in_flight, now);

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

} // namespace gradepost::http
