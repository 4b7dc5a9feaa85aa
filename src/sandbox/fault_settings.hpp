#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace gradepost::sandbox {

// Faults injected into AGS and NRPS requests (and token requests with `on_token`), never
// into /_sandbox/. Rates are fractions of requests in [0, 1].
struct FaultSettings {
    int latency_ms = 0;
    double fail_rate = 0;     // 500, 502 or 503
    double throttle_rate = 0; // 429 with Retry-After: 1
    double drop_rate = 0;     // connection closed without a response
    bool canvas_throttle = false;
    double bucket_size = 700;    // Canvas's leaky bucket, per client id
    double bucket_drain = 10;    // units per second
    double bucket_upfront = 50;  // charged while a request runs
    double request_cost = 0;     // added to each request's own time (seconds) once done
    int rps_cap = 0;             // 429 above this many requests per second; 0: none
    int expire_tokens_every = 0; // a token stops working after this many requests; 0: never
    // The next this many token requests are granted (the jti is spent, the token issued) and
    // then the connection is closed before the answer: a token reply lost on the wire.
    int drop_token_replies = 0;
    bool on_token = false;
};

nlohmann::json to_json(const FaultSettings& settings);
// Applies the members present in `changes` (the names of to_json); throws
// std::invalid_argument naming a member of the wrong type, an unknown one or a bad value.
void apply_changes(FaultSettings& settings, const nlohmann::json& changes);

} // namespace gradepost::sandbox
