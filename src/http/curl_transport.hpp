#pragma once

#include "http/transport.hpp"
#include "util/clock.hpp"

#include <memory>

namespace gradepost::http {

// The libcurl transport: one multi handle, connections and TLS sessions reused, HTTP/2
// when offered, -vv traces with secrets redacted.
class CurlTransport final : public Transport {
public:
    // `clock` times retry backoff and pacing, and waits for them when nothing is in flight;
    // libcurl's connect and request timeouts run on real time.
    explicit CurlTransport(TransportOptions options, util::Clock& clock = util::system_clock());
    ~CurlTransport() override;

    std::vector<Response>
    perform(std::span<const Request> requests,
            const std::function<void(std::size_t, const Response&)>& on_done = {},
            const BeforeFirstSend& before_first_send = {}) override;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace gradepost::http
