#include "http/bucket_pacer.hpp"

#include "http/retry_policy.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace gradepost::http {

namespace {

// The drain is measured over about this much time: enough to average out the headers'
// rounding (0.1 unit on a few units), short enough to follow a change.
constexpr double k_drain_window_seconds = 2.0;
// Less drain time than this says little next to the rounding.
constexpr double k_least_drain_seconds = 0.1;
constexpr std::size_t k_preflight_samples = 16;
// While the drain is unknown, a charge is measured only between answers this close together.
constexpr double k_undrained_seconds = 0.002;

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
    answer.is_alone =
        m_last && m_last->in_flight == 0 && in_flight == 0 && m_starts_since_last == 1;
    // Canvas's own refusal; a 429 is some other limit, not the bucket's.
    bool is_refused = response.status == 403 && is_throttled(response);
    // The model let through a request the bucket had no room for: its charge is more than
    // what remained; measure it again.
    if (is_refused) {
        m_preflight_samples.clear();
        m_refused_below = std::max(m_refused_below, answer.remaining);
    }
    if (m_last)
        learn(answer, cost, is_refused);
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
    // it cannot have run empty. The last answer must have come alone too: answers of requests
    // that ran together may be read in another order than they were written, and the last
    // one read is then not the latest state.
    if (answer.is_alone) {
        if (m_last->is_alone && seconds > 0 && rise < m_highest_remaining - m_last->remaining) {
            m_drain_samples.push_back({rise, seconds});
            m_drain_seconds += seconds;
            while (m_drain_seconds - m_drain_samples.front().seconds >= k_drain_window_seconds) {
                m_drain_seconds -= m_drain_samples.front().seconds;
                m_drain_samples.pop_front();
            }
        }
        return;
    }

    // Two requests ran and nothing started since: the only change between the two answers is
    // this request's end, which gave its pre-flight charge back if it was charged when the
    // other's answer was written. It was if it reached the platform by then (it started a
    // round trip before that answer came) and its handling had begun; a platform that
    // answers at once often has not, and the rise is then about 0 (or negative, the two
    // answers written in the other order). Answers read together may also have been written
    // in another order than they are read, and a rise then holds two or three charges. So
    // samples come near 0 or near a multiple of the charge: the smallest one clear of 0 is it.
    bool is_last_of_two = m_starts_since_last == 0 && m_last->in_flight == 1 &&
                          answer.in_flight == 0 && m_shortest_round_trip &&
                          m_last_start + *m_shortest_round_trip <= m_last->at;
    // The drain over the interval is taken out: while it is unknown, only over an interval
    // short enough for any drain to be lost in the rounding.
    auto drain = drain_rate();
    if (is_last_of_two && !is_refused && (drain || seconds <= k_undrained_seconds)) {
        double charge = rise - drain.value_or(0) * seconds;
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

// Until a request is seen giving a charge back, Canvas's default; never below what a refusal
// proved. A sample within a margin and a request's cost of 0 says nothing.
double BucketPacer::preflight_charge() const {
    double clear_of_zero = k_margin_units + m_highest_cost;
    std::optional<double> seen;
    for (double sample : m_preflight_samples)
        if (sample > clear_of_zero && (!seen || sample < *seen))
            seen = sample;
    return std::max(seen.value_or(k_default_preflight_charge), m_refused_below);
}

double BucketPacer::margin() const {
    return k_margin_share * preflight_charge() + k_margin_units;
}

} // namespace gradepost::http
