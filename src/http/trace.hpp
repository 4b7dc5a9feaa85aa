#pragma once

#include "http/message.hpp"

#include <cstddef>
#include <string>

namespace gradepost::http {

// Bodies longer than this are cut in traces.
inline constexpr std::size_t k_trace_body_limit = 2048;

// The -vv text of a request as sent: "> POST url (send 2)", its headers and body. Secret
// headers (Authorization, Cookie...) show no value; the body is redacted by util::redact
// before it is cut to k_trace_body_limit, so a cut never exposes half a secret.
std::string describe_request(const Request& request, int send);

// The -vv text of a response: "< 200 OK (url)" or "< no response: <error>", its headers and body,
// with the same masking as describe_request.
std::string describe_response(const Request& request, const Response& response);

// Writes describe_request() through util::trace when -vv is on; does nothing otherwise.
void trace_request(const Request& request, int send);

// Writes describe_response() through util::trace when -vv is on; does nothing otherwise.
void trace_response(const Request& request, const Response& response);

} // namespace gradepost::http
