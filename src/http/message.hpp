#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gradepost::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
    std::string method = "GET";
    std::string url;
    Headers headers; // includes Authorization when the caller adds it; traces redact it
    std::string body;
};

struct Response {
    int status = 0;           // 0: no response (see transport_error)
    std::string reason;       // the status line's reason phrase (Moodle puts errors there)
    Headers headers;
    std::string body;
    std::string transport_error; // connection refused, timeout, dropped connection...
    int attempts = 1;            // how many times the request was sent
    // An earlier send of this request got no answer (timeout, dropped connection), so the
    // platform may have applied it even when this final response is an error.
    bool may_have_been_applied = false;

    // Case-insensitive; the last value when a header repeats.
    std::optional<std::string> header(std::string_view name) const;
    bool is_success() const { return status >= 200 && status < 300; }
};

} // namespace gradepost::http
