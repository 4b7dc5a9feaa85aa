#pragma once

#include "http/message.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace gradepost::http {

// `request_timeout` (--timeout) bounds a request and all its retries together, from its first
// send, so a platform that never answers ends a request once, not once per retry.
struct TransportOptions {
    int concurrency = 8;        // --concurrency: requests in flight
    std::optional<double> rate; // --rate: requests per second, at most
    int retries = 5;            // --retries: extra sends after the first
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds request_timeout{60'000};
    std::string ca_file;   // --ca-file
    bool insecure = false; // --insecure: no TLS verification
    std::chrono::milliseconds max_backoff{30'000};
};

// What a transport has sent so far, for the run's summary (-v, --json).
struct TransferCounts {
    int sends = 0;        // requests put on the wire, retries included
    int retries = 0;      // of which sends after the first of their request
    int unauthorized = 0; // 401 answers
    int throttled = 0;    // 429 answers and Canvas's 403 "Rate Limit Exceeded"
    // Time with requests waiting to start and a free connection, held by the pacer (rate
    // limit headers, --rate, a window narrowed by throttling).
    std::chrono::microseconds paced{0};
};

// Called on the caller's thread just before a request's first send, with the request as it
// will go (the caller may set its Authorization header to the token current at that moment).
// Returning false holds it back and starts no other new request: requests in flight and
// their retries finish, then every request never sent comes back with `is_held` set, for the
// caller to send again (e.g. once, after renewing an expired token).
using BeforeFirstSend = std::function<bool(std::size_t, Request&)>;

// Sends requests. Implementations retry what is worth retrying (429, 5xx, timeouts,
// dropped connections, Canvas's 403 "Rate Limit Exceeded") with backoff, honouring
// Retry-After, and hand back the final response of each request; any other status is
// data for the caller, never an exception.
class Transport {
public:
    virtual ~Transport() = default;

    // Sends all requests, up to `concurrency` at once, and returns their final responses in
    // the same order. `on_done(index, response)` is called on the caller's thread as each
    // one finishes (progress bars, early bookkeeping); never for a held request.
    virtual std::vector<Response>
    perform(std::span<const Request> requests,
            const std::function<void(std::size_t, const Response&)>& on_done = {},
            const BeforeFirstSend& before_first_send = {}) = 0;

    Response perform_one(const Request& request);

    const TransferCounts& counts() const { return m_counts; }

protected:
    TransferCounts m_counts;
};

} // namespace gradepost::http
