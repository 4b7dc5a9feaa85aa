#pragma once

#include "util/clock.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace gradepost::sandbox {

enum class RouteKind { token, line_items, score, results, memberships, unknown };

// One request as /_sandbox/log shows it.
struct LogEntry {
    RouteKind kind = RouteKind::unknown;
    std::string method;
    std::string path;    // with the query string
    int status = 0;      // 0: the connection was dropped
    std::string user_id; // scores only
    std::string client_id;
    double duration_ms = 0;
    std::string fault; // empty, or drop, throttle, fail, rps_cap, canvas_throttle, token_expired
    util::Instant time{};
};

// The request log (the last `capacity` entries) and the counters of /_sandbox/stats,
// which count every request ever recorded. Thread-safe.
class RequestLog {
public:
    explicit RequestLog(std::size_t capacity);

    void record(LogEntry entry);
    // Entries whose sequence number is above `since`, oldest first.
    nlohmann::json entries_json(std::uint64_t since) const;
    nlohmann::json stats_json() const;
    void clear();

private:
    struct Stats {
        std::uint64_t requests = 0, token_requests = 0, tokens_issued = 0, tokens_refused = 0,
                      scores_accepted = 0, scores_refused = 0, faults_injected = 0;
        std::map<std::string, std::uint64_t> faults;
    };

    mutable std::mutex m_mutex;
    std::size_t m_capacity;
    std::deque<std::pair<std::uint64_t, LogEntry>> m_entries;
    std::uint64_t m_next_sequence = 1;
    std::uint64_t m_discarded = 0;
    Stats m_stats;
};

} // namespace gradepost::sandbox
