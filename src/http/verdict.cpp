#include "http/verdict.hpp"

#include "util/ascii.hpp"

namespace gradepost::http {

namespace {

// Canvas throttles with 403 rather than 429; a 403 without this text is a real refusal.
bool says_rate_limit_exceeded(const Response& response) {
    constexpr std::string_view k_canvas_throttle_text = "rate limit exceeded";
    return util::lowercase_ascii(response.reason).find(k_canvas_throttle_text) !=
               std::string::npos ||
           util::lowercase_ascii(response.body).find(k_canvas_throttle_text) != std::string::npos;
}

} // namespace

Verdict classify(const Response& response, Failure failure) {
    if (failure == Failure::none)
        failure = response.failure;
    switch (failure) {
    case Failure::not_sent:
    case Failure::no_answer:
        return Verdict::transient;
    case Failure::tls:
    case Failure::fatal:
        return Verdict::unreachable;
    case Failure::none:
        break;
    }
    int status = response.status;
    if (status == 0)
        return Verdict::transient;
    if (status >= 200 && status < 300)
        return Verdict::success;
    if (status == 429 || (status == 403 && says_rate_limit_exceeded(response)))
        return Verdict::throttled;
    if (status == 401)
        return Verdict::unauthorized;
    if (status == 500 || status == 502 || status == 503 || status == 504)
        return Verdict::transient;
    if (status >= 400 && status < 500)
        return Verdict::refused;
    return Verdict::failed;
}

} // namespace gradepost::http
