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

// Sends requests. Implementations retry what is worth retrying (429, 5xx, timeouts,
// dropped connections, Canvas's 403 "Rate Limit Exceeded") with backoff, honouring
// Retry-After, and hand back the final response of each request; any other status is
// data for the caller, never an exception.
class Transport {
public:
    virtual ~Transport() = default;

    // Sends all requests, up to `concurrency` at once, and returns their final responses in
    // the same order. `on_done(index, response)` is called on the caller's thread as each
    // one finishes (progress bars, early bookkeeping).
    virtual std::vector<Response>
    perform(std::span<const Request> requests,
            const std::function<void(std::size_t, const Response&)>& on_done = {}) = 0;

    Response perform_one(const Request& request);
};

} // namespace gradepost::http
