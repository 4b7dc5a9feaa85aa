#include "http/trace.hpp"

#include "util/ascii.hpp"
#include "util/log.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace gradepost::http {

namespace {

constexpr std::array<std::string_view, 4> k_secret_headers = {
    "authorization", "proxy-authorization", "cookie", "set-cookie"};

bool is_secret_header(std::string_view name) {
    return std::ranges::find(k_secret_headers, util::lowercase_ascii(name)) !=
           k_secret_headers.end();
}

void append_headers(std::string& text, const Headers& headers, std::string_view direction) {
    for (const auto& [name, value] : headers) {
        text += fmt::format("\n{} {}: {}", direction, name,
                            is_secret_header(name) ? "[REDACTED]" : value);
    }
}

void append_body(std::string& text, std::string_view body, std::string_view direction) {
    if (body.empty())
        return;
    auto redacted = util::redact(body);
    auto shown = std::string_view(redacted).substr(0, k_trace_body_limit);
    text += fmt::format("\n{}\n{} {}", direction, direction, shown);
    if (redacted.size() > shown.size())
        text += fmt::format("... ({} more bytes)", redacted.size() - shown.size());
}

} // namespace

std::string describe_request(const Request& request, int send) {
    auto text = fmt::format("> {} {}", request.method, request.url);
    if (send > 1)
        text += fmt::format(" (send {})", send);
    append_headers(text, request.headers, ">");
    append_body(text, request.body, ">");
    return text;
}

std::string describe_response(const Request& request, const Response& response) {
    std::string text;
    if (response.status == 0)
        text = fmt::format("< no response from {} {}: {}", request.method, request.url,
                           response.transport_error);
    else
        text = fmt::format("< {}{}{} ({} {})", response.status, response.reason.empty() ? "" : " ",
                           response.reason, request.method, request.url);
    append_headers(text, response.headers, "<");
    append_body(text, response.body, "<");
    return text;
}

void trace_request(const Request& request, int send) {
    if (util::is_enabled(util::LogLevel::trace))
        util::trace("{}", describe_request(request, send));
}

void trace_response(const Request& request, const Response& response) {
    if (util::is_enabled(util::LogLevel::trace))
        util::trace("{}", describe_response(request, response));
}

} // namespace gradepost::http
