#pragma once

#include "sandbox/fault_settings.hpp"

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <random>
#include <string>

namespace gradepost::sandbox {

enum class FaultKind { none, drop, throttle, fail, rps_cap };

std::string_view to_string(FaultKind kind);

// What happens to one request before it reaches its route.
struct FaultDecision {
    FaultKind kind = FaultKind::none;
    int status = 0; // 429, 500, 502 or 503 for throttle, rps_cap and fail
    int latency_ms = 0;
};

// Canvas's throttle: one leaky bucket per client id.
struct BucketCharge {
    bool is_allowed = true;
    double remaining = 0; // X-Rate-Limit-Remaining
};

// Decides the faults of each request from FaultSettings and one seeded generator, so a run
// with the same --fault-seed and the same request order injects the same faults. Thread-safe.
class FaultInjector {
public:
    FaultInjector(FaultSettings settings, std::uint64_t seed);

    // Draws the same amount of randomness for every request whatever the rates, so changing
    // one rate does not reshuffle the others.
    FaultDecision decide();

    // Charges the up-front cost of a starting request to the client's bucket; refused when
    // the bucket would overflow. Only when canvas_throttle is on.
    BucketCharge charge(const std::string& client_id);
    // Credits the up-front cost back and charges `seconds` (the request's own time) plus
    // the fixed request_cost. Returns what the request cost and what remains.
    std::pair<double, double> settle(const std::string& client_id, double seconds);

    // Whether this granted token reply is to be lost (drop_token_replies), counting it down.
    bool take_token_reply_drop();

    bool is_bucket_enabled() const;
    FaultSettings settings() const;
    // Throws std::invalid_argument and changes nothing when `changes` is not valid.
    void update(const nlohmann::json& changes);
    void reseed(std::uint64_t seed);
    // Empties the buckets and the requests-per-second window.
    void reset();

private:
    using Moment = std::chrono::steady_clock::time_point;
    struct Bucket {
        double level = 0;
        Moment updated{};
    };
    void drain(Bucket& bucket, Moment now) const;

    mutable std::mutex m_mutex;
    FaultSettings m_settings;
    std::mt19937_64 m_random;
    std::deque<Moment> m_recent; // requests of the last second, for rps_cap
    std::map<std::string, Bucket> m_buckets;
};

} // namespace gradepost::sandbox
