#include "http/bucket_pacer.hpp"

#include "http/retry_policy.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

namespace gradepost::http {

namespace {

// The drain is measured over about this much time: enough to average out the headers'
// rounding (0.1 unit on a few units), short enough to follow a change.
constexpr double k_drain_window_seconds = 2.0;
// Less drain time than this says little next to the rounding.
constexpr double k_least_drain_seconds = 0.1;
constexpr std::size_t k_preflight_samples = 7;

std::optional<double> header_number(const Response& response, std::string_view name) {
    auto value = response.header(name);
    if (!value)
        return std::nullopt;
    double number = 0;
    auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), number);
    if (error != std::errc{} || !std::isfinite(number))
        return std::nullopt;
    return std::max(number, 0.0);
}

std::chrono::microseconds seconds_to_wait(double seconds) {
    return std::chrono::microseconds{static_cast<std::int64_t>(std::ceil(seconds * 1e6))};
}

} // namespace

util::Instant BucketPacer::next_start(int in_flight) const {
    if (!m_last)
        return util::Instant{};
    double charge = preflight_charge();
    auto drain = drain_rate();
    // Room for this request's charge and those of the requests running (their charges may not
    // be in `remaining` yet), for what they may cost beyond their charge, and, while the drain
    // is unknown, for one more request that will measure it.
    double needed =
        charge * (in_flight + 1) + std::max(0.0, m_highest_cost - charge) * in_flight + margin();
    if (!drain)
        needed += charge;
    double shortfall = needed - m_last->remaining;
    if (shortfall <= 0)
        return m_last->at;
    if (drain)
        return m_last->at + seconds_to_wait(shortfall / (*drain * k_drain_safety));
    if (in_flight > 0)
        return util::Instant::max();
    if (m_last->remaining >= charge + margin())
        return m_last->at + k_drain_probe_wait;
    return m_last->at + k_blind_probe_wait;
}

void BucketPacer::on_start(util::Instant now) {
    ++m_starts_since_last;
    m_last_start = now;
}

void BucketPacer::on_response(const Response& response, util::Instant sent_at, int in_flight,
                              util::Instant now) {
    auto round_trip = std::chrono::duration_cast<std::chrono::microseconds>(now - sent_at);
    if (!m_shortest_round_trip || round_trip < *m_shortest_round_trip)
        m_shortest_round_trip = round_trip;

    auto remaining = header_number(response, "X-Rate-Limit-Remaining");
    if (!remaining)
        return;
    double cost = header_number(response, "X-Request-Cost").value_or(0);
    Answer answer{*remaining, now, in_flight};
    if (m_last)
        learn(answer, cost, is_throttled(response));
    m_highest_remaining = std::max(m_highest_remaining, answer.remaining);
    m_highest_cost = std::max(m_highest_cost, cost);
    m_last = answer;
    m_starts_since_last = 0;
}

void BucketPacer::learn(const Answer& answer, double cost, bool is_refused) {
    double seconds = std::chrono::duration<double>(answer.at - m_last->at).count();
    // What the bucket gave back between the two answers, this request's cost put back.
    double rise = answer.remaining - m_last->remaining + cost;

    // The one request sent since the last answer is this one, and it ran alone: the bucket
    // drained for the whole interval, unless it ran empty. The level at the last answer was
    // at least the highest remaining seen minus that answer's; draining less than that level
    // it cannot have run empty.
    if (m_last->in_flight == 0 && answer.in_flight == 0 && m_starts_since_last == 1) {
        if (seconds > 0 && rise < m_highest_remaining - m_last->remaining) {
            m_drain_samples.push_back({rise, seconds});
            m_drain_seconds += seconds;
            while (m_drain_seconds - m_drain_samples.front().seconds >= k_drain_window_seconds) {
                m_drain_seconds -= m_drain_samples.front().seconds;
                m_drain_samples.pop_front();
            }
        }
        return;
    }

    // Nothing started between the two answers, and this request was running at the platform
    // when the last answer was written (it started a round trip before that answer came): its
    // pre-flight charge, in the last `remaining`, came back with it.
    bool was_counted = m_starts_since_last == 0 && m_last->in_flight > 0 && !is_refused &&
                       m_shortest_round_trip && m_last_start + *m_shortest_round_trip <= m_last->at;
    if (was_counted) {
        double charge = rise - drain_rate().value_or(0) * seconds;
        m_preflight_samples.push_back(std::max(charge, 0.0));
        if (m_preflight_samples.size() > k_preflight_samples)
            m_preflight_samples.pop_front();
    }
}

std::optional<double> BucketPacer::drain_rate() const {
    double units = 0;
    double seconds = 0;
    for (const auto& sample : m_drain_samples) {
        units += sample.units;
        seconds += sample.seconds;
    }
    if (seconds < k_least_drain_seconds || units <= 0)
        return std::nullopt;
    return units / seconds;
}

// The lower median: another request that ended at the platform between the two answers, its
// own answer still on the way, doubles a sample now and then.
double BucketPacer::preflight_charge() const {
    if (m_preflight_samples.empty())
        return k_default_preflight_charge;
    std::vector<double> sorted(m_preflight_samples.begin(), m_preflight_samples.end());
    auto middle = sorted.begin() + static_cast<std::ptrdiff_t>((sorted.size() - 1) / 2);
    std::nth_element(sorted.begin(), middle, sorted.end());
    return *middle;
}

double BucketPacer::margin() const {
    return k_margin_share * preflight_charge() + k_margin_units;
}

} // namespace gradepost::http
