#include "support/fake_transport.hpp"

#include <strings.h>

#include <algorithm>

namespace gradepost::testing {

namespace {

bool url_matches(const std::string& pattern, const std::string& url) {
    if (!pattern.empty() && pattern.back() == '*')
        return url.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
    return pattern == url;
}

std::string standard_reason(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 409:
        return "Conflict";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return {};
    }
}

} // namespace

void FakeTransport::on(std::string method, std::string url, http::Response response, int times) {
    on(std::move(method), std::move(url),
       Responder([response](const http::Request&) { return response; }), times);
}

void FakeTransport::on(std::string method, std::string url, Responder responder, int times) {
    m_rules.push_back(Rule{std::move(method), std::move(url), std::move(responder), times});
}

void FakeTransport::enqueue(http::Response response) {
    m_queue.push_back(std::move(response));
}

http::Response FakeTransport::answer(const http::Request& request) {
    for (auto& rule : m_rules) {
        if (rule.times_left == 0 || rule.method != request.method ||
            !url_matches(rule.url, request.url))
            continue;
        if (rule.times_left > 0)
            --rule.times_left;
        return rule.responder(request);
    }
    if (!m_queue.empty()) {
        http::Response response = std::move(m_queue.front());
        m_queue.pop_front();
        return response;
    }
    http::Response none;
    none.transport_error =
        "FakeTransport: no scripted answer for " + request.method + " " + request.url;
    return none;
}

std::vector<http::Response>
FakeTransport::perform(std::span<const http::Request> requests,
                       const std::function<void(std::size_t, const http::Response&)>& on_done,
                       const http::BeforeFirstSend& before_first_send) {
    ++m_perform_calls;
    m_largest_batch = std::max(m_largest_batch, requests.size());
    std::vector<http::Response> responses;
    responses.reserve(requests.size());
    bool holding = false;
    for (std::size_t index = 0; index < requests.size(); ++index) {
        http::Request request = requests[index];
        if (holding || (before_first_send && !before_first_send(index, request))) {
            holding = true;
            http::Response held;
            held.attempts = 0;
            held.failure = http::Failure::not_sent;
            held.transport_error = "held back before sending";
            held.is_held = true;
            responses.push_back(std::move(held));
            continue;
        }
        m_requests.push_back(request);
        ++m_counts.sends;
        responses.push_back(answer(request));
        if (on_done)
            on_done(index, responses.back());
    }
    return responses;
}

std::vector<http::Request> FakeTransport::requests_to(std::string_view method,
                                                      std::string_view url_part) const {
    std::vector<http::Request> found;
    for (const auto& request : m_requests)
        if (request.method == method && request.url.find(url_part) != std::string::npos)
            found.push_back(request);
    return found;
}

http::Response make_response(int status, std::string body, http::Headers headers,
                             std::string reason) {
    http::Response response;
    response.status = status;
    response.reason = reason.empty() ? standard_reason(status) : std::move(reason);
    response.body = std::move(body);
    response.headers = std::move(headers);
    return response;
}

std::string header_of(const http::Request& request, std::string_view name) {
    std::string value;
    for (const auto& [header, header_value] : request.headers)
        if (header.size() == name.size() &&
            ::strncasecmp(header.data(), name.data(), name.size()) == 0)
            value = header_value;
    return value;
}

} // namespace gradepost::testing
