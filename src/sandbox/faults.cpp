#include "sandbox/faults.hpp"

#include <algorithm>

namespace gradepost::sandbox {

std::string_view to_string(FaultKind kind) {
    switch (kind) {
    case FaultKind::drop:
        return "drop";
    case FaultKind::throttle:
        return "throttle";
    case FaultKind::fail:
        return "fail";
    case FaultKind::rps_cap:
        return "rps_cap";
    case FaultKind::none:
        break;
    }
    return "none";
}

FaultInjector::FaultInjector(FaultSettings settings, std::uint64_t seed)
    : m_settings(settings), m_random(seed) {}

FaultDecision FaultInjector::decide() {
    std::lock_guard lock(m_mutex);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    double drop_draw = unit(m_random);
    double throttle_draw = unit(m_random);
    double fail_draw = unit(m_random);
    auto fail_kind = m_random() % 3;

    FaultDecision decision;
    decision.latency_ms = m_settings.latency_ms;
    if (drop_draw < m_settings.drop_rate) {
        decision.kind = FaultKind::drop;
    } else if (throttle_draw < m_settings.throttle_rate) {
        decision.kind = FaultKind::throttle;
        decision.status = 429;
    } else if (fail_draw < m_settings.fail_rate) {
        decision.kind = FaultKind::fail;
        decision.status = fail_kind == 0 ? 500 : fail_kind == 1 ? 502 : 503;
    }
    if (m_settings.rps_cap > 0 && decision.kind == FaultKind::none) {
        auto now = std::chrono::steady_clock::now();
        while (!m_recent.empty() && now - m_recent.front() >= std::chrono::seconds(1))
            m_recent.pop_front();
        if (m_recent.size() >= static_cast<std::size_t>(m_settings.rps_cap)) {
            decision.kind = FaultKind::rps_cap;
            decision.status = 429;
        } else {
            m_recent.push_back(now);
        }
    }
    return decision;
}

void FaultInjector::drain(Bucket& bucket, Moment now) const {
    if (bucket.updated != Moment{}) {
        double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
        bucket.level = std::max(0.0, bucket.level - elapsed * m_settings.bucket_drain);
    }
    bucket.updated = now;
}

BucketCharge FaultInjector::charge(const std::string& client_id) {
    std::lock_guard lock(m_mutex);
    auto& bucket = m_buckets[client_id];
    drain(bucket, std::chrono::steady_clock::now());
    if (bucket.level + m_settings.bucket_upfront > m_settings.bucket_size)
        return {false, std::max(0.0, m_settings.bucket_size - bucket.level)};
    bucket.level += m_settings.bucket_upfront;
    return {true, m_settings.bucket_size - bucket.level};
}

std::pair<double, double> FaultInjector::settle(const std::string& client_id, double seconds) {
    std::lock_guard lock(m_mutex);
    auto& bucket = m_buckets[client_id];
    drain(bucket, std::chrono::steady_clock::now());
    double cost = seconds + m_settings.request_cost;
    bucket.level = std::max(0.0, bucket.level - m_settings.bucket_upfront) + cost;
    return {cost, std::max(0.0, m_settings.bucket_size - bucket.level)};
}

bool FaultInjector::take_token_reply_drop() {
    std::lock_guard lock(m_mutex);
    if (m_settings.drop_token_replies <= 0)
        return false;
    --m_settings.drop_token_replies;
    return true;
}

bool FaultInjector::is_bucket_enabled() const {
    std::lock_guard lock(m_mutex);
    return m_settings.canvas_throttle;
}

FaultSettings FaultInjector::settings() const {
    std::lock_guard lock(m_mutex);
    return m_settings;
}

void FaultInjector::update(const nlohmann::json& changes) {
    std::lock_guard lock(m_mutex);
    bool has_seed = changes.is_object() && changes.contains("fault_seed");
    if (has_seed && !changes["fault_seed"].is_number_unsigned())
        throw std::invalid_argument("fault_seed must be a non-negative integer");
    apply_changes(m_settings, changes);
    if (has_seed)
        m_random.seed(changes["fault_seed"].get<std::uint64_t>());
}

void FaultInjector::reseed(std::uint64_t seed) {
    std::lock_guard lock(m_mutex);
    m_random.seed(seed);
}

void FaultInjector::reset() {
    std::lock_guard lock(m_mutex);
    m_recent.clear();
    m_buckets.clear();
}

} // namespace gradepost::sandbox
