#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gradepost::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

// Why a send got no HTTP response, as far as retrying cares.
enum class Failure {
    none,      // an HTTP response arrived
    not_sent,  // connection refused or never established: the server never saw the request
    no_answer, // timed out, reset or closed after sending: the server may have applied it
    tls,       // certificate or handshake problem: configuration, not worth repeating
    fatal,     // malformed URL, unknown host, unsupported scheme...: not worth repeating
};

struct Request {
    std::string method = "GET";
    std::string url;
    Headers headers; // includes Authorization when the caller adds it; traces redact it
    std::string body;
    // Sent once, never repeated by the transport: its body is good for one send only (a
    // signed assertion with a one-time jti). The caller makes a fresh one to retry.
    bool is_single_use = false;
};

struct Response {
    int status = 0;     // 0: no response (see transport_error)
    std::string reason; // the status line's reason phrase (Moodle puts errors there)
    Headers headers;
    std::string body;
    std::string transport_error;     // connection refused, timeout, dropped connection...
    Failure failure = Failure::none; // why no response came, when none did
    int attempts = 1;                // how many times the request was sent
    bool is_held = false;            // never sent: held back by the caller (BeforeFirstSend)
    // An earlier send of this request got no answer (timeout, dropped connection), so the
    // platform may have applied it even when this final response is an error.
    bool may_have_been_applied = false;

    // Case-insensitive; the last value when a header repeats.
    std::optional<std::string> header(std::string_view name) const;
    bool is_success() const { return status >= 200 && status < 300; }
};

} // namespace gradepost::http
