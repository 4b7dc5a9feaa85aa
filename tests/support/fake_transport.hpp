#pragma once

#include "http/transport.hpp"

#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace gradepost::testing {

// A Transport that sends nothing: it records every request and answers from a script.
// Rules (method + URL, first match with uses left wins) come before the queue of answers
// for any request; a request nothing answers gets status 0 and a transport error naming it.
// Requests of one perform() are answered in order, and on_done fires for each; one that
// before_first_send holds back, and all after it, come back held and unrecorded.
class FakeTransport final : public http::Transport {
public:
    using Responder = std::function<http::Response(const http::Request&)>;

    // Answers `method` `url` (exact; a trailing `*` matches any URL with that prefix) with
    // `response`, `times` times (-1: always).
    void on(std::string method, std::string url, http::Response response, int times = -1);
    // The same with an answer computed from the request (e.g. depending on its token).
    void on(std::string method, std::string url, Responder responder, int times = -1);
    // Answers the next request that no rule matches.
    void enqueue(http::Response response);

    std::vector<http::Response>
    perform(std::span<const http::Request> requests,
            const std::function<void(std::size_t, const http::Response&)>& on_done = {},
            const http::BeforeFirstSend& before_first_send = {}) override;

    const std::vector<http::Request>& requests() const { return m_requests; }
    // Recorded requests whose method matches and whose URL contains `url_part`.
    std::vector<http::Request> requests_to(std::string_view method,
                                           std::string_view url_part) const;
    // How many perform() calls were made (a batch is one call).
    int perform_calls() const { return m_perform_calls; }
    // The most requests one perform() call was given.
    std::size_t largest_batch() const { return m_largest_batch; }

private:
    struct Rule {
        std::string method;
        std::string url;
        Responder responder;
        int times_left;
    };
    http::Response answer(const http::Request& request);

    std::vector<Rule> m_rules;
    std::deque<http::Response> m_queue;
    std::vector<http::Request> m_requests;
    int m_perform_calls = 0;
    std::size_t m_largest_batch = 0;
};

// A response with `status`, `body` and headers; the reason phrase is the standard one
// unless given.
http::Response make_response(int status, std::string body = {}, http::Headers headers = {},
                             std::string reason = {});

// The value of a request header, case-insensitive; empty when absent.
std::string header_of(const http::Request& request, std::string_view name);

} // namespace gradepost::testing
