#include "sandbox/request_log.hpp"

#include "util/log.hpp"
#include "util/time_format.hpp"

namespace gradepost::sandbox {

namespace {

std::string_view to_string(RouteKind kind) {
    switch (kind) {
    case RouteKind::token:
        return "token";
    case RouteKind::line_items:
        return "line_items";
    case RouteKind::score:
        return "score";
    case RouteKind::results:
        return "results";
    case RouteKind::memberships:
        return "memberships";
    case RouteKind::unknown:
        break;
    }
    return "unknown";
}

bool is_success(int status) {
    return status >= 200 && status < 300;
}

} // namespace

RequestLog::RequestLog(std::size_t capacity) : m_capacity(std::max<std::size_t>(capacity, 1)) {}

void RequestLog::record(LogEntry entry) {
    util::info("sandbox: {} {} -> {}{}{} ({:.1f} ms)", entry.method, entry.path, entry.status,
               entry.fault.empty() ? "" : " fault ", entry.fault, entry.duration_ms);
    std::lock_guard lock(m_mutex);
    ++m_stats.requests;
    if (entry.kind == RouteKind::token)
        ++m_stats.token_requests;
    if (!entry.fault.empty()) {
        ++m_stats.faults_injected;
        ++m_stats.faults[entry.fault];
    } else if (entry.kind == RouteKind::token) {
        ++(is_success(entry.status) ? m_stats.tokens_issued : m_stats.tokens_refused);
    } else if (entry.kind == RouteKind::score) {
        ++(is_success(entry.status) ? m_stats.scores_accepted : m_stats.scores_refused);
    }
    m_entries.emplace_back(m_next_sequence++, std::move(entry));
    if (m_entries.size() > m_capacity) {
        m_entries.pop_front();
        ++m_discarded;
    }
}

nlohmann::json RequestLog::entries_json(std::uint64_t since) const {
    std::lock_guard lock(m_mutex);
    auto entries = nlohmann::json::array();
    for (const auto& [sequence, entry] : m_entries) {
        if (sequence <= since)
            continue;
        nlohmann::json json = {
            {"seq", sequence},
            {"time", util::format_iso8601(entry.time)},
            {"kind", to_string(entry.kind)},
            {"method", entry.method},
            {"path", entry.path},
            {"status", entry.status},
            {"duration_ms", entry.duration_ms},
            {"fault", entry.fault.empty() ? nlohmann::json() : nlohmann::json(entry.fault)}};
        if (!entry.user_id.empty())
            json["user_id"] = entry.user_id;
        if (!entry.client_id.empty())
            json["client_id"] = entry.client_id;
        entries.push_back(std::move(json));
    }
    return {{"entries", std::move(entries)}, {"discarded", m_discarded}};
}

nlohmann::json RequestLog::stats_json() const {
    std::lock_guard lock(m_mutex);
    return {{"requests", m_stats.requests},
            {"token_requests", m_stats.token_requests},
            {"tokens_issued", m_stats.tokens_issued},
            {"tokens_refused", m_stats.tokens_refused},
            {"scores_accepted", m_stats.scores_accepted},
            {"scores_refused", m_stats.scores_refused},
            {"faults_injected", m_stats.faults_injected},
            {"faults", m_stats.faults}};
}

void RequestLog::clear() {
    std::lock_guard lock(m_mutex);
    m_entries.clear();
    m_discarded = 0;
    m_stats = Stats{};
}

} // namespace gradepost::sandbox
