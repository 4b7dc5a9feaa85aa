#include "http/verdict.hpp"

#include <doctest/doctest.h>

using namespace gradepost;
using http::Failure;
using http::Verdict;

namespace {

http::Response answer(int status, std::string reason = {}, std::string body = {}) {
    http::Response response;
    response.status = status;
    response.reason = std::move(reason);
    response.body = std::move(body);
    return response;
}

} // namespace

TEST_SUITE("http::verdict") {

    TEST_CASE("every status and failure has one verdict") {
        struct Row {
            http::Response response;
            Failure failure;
            Verdict verdict;
        };
        const Row table[] = {
            {answer(200), Failure::none, Verdict::success},
            {answer(201), Failure::none, Verdict::success},
            {answer(204), Failure::none, Verdict::success},
            {answer(302), Failure::none, Verdict::failed},
            {answer(400, "User is not enrolled"), Failure::none, Verdict::refused},
            {answer(401), Failure::none, Verdict::unauthorized},
            {answer(403, "Forbidden", "{\"errors\":[\"unauthorized\"]}"), Failure::none,
             Verdict::refused},
            {answer(403, "Forbidden", "403 Forbidden (Rate Limit Exceeded)"), Failure::none,
             Verdict::throttled},
            {answer(403, "Forbidden (Rate Limit Exceeded)"), Failure::none, Verdict::throttled},
            // Canvas's wording varies in case between versions and proxies.
            {answer(403, "Forbidden", "rate limit exceeded"), Failure::none, Verdict::throttled},
            {answer(403, "RATE LIMIT EXCEEDED"), Failure::none, Verdict::throttled},
            {answer(404), Failure::none, Verdict::refused},
            {answer(409), Failure::none, Verdict::refused},
            {answer(422), Failure::none, Verdict::refused},
            {answer(429), Failure::none, Verdict::throttled},
            {answer(500), Failure::none, Verdict::transient},
            {answer(501), Failure::none, Verdict::failed},
            {answer(502), Failure::none, Verdict::transient},
            {answer(503), Failure::none, Verdict::transient},
            {answer(504), Failure::none, Verdict::transient},
            {answer(0), Failure::not_sent, Verdict::transient},
            {answer(0), Failure::no_answer, Verdict::transient},
            {answer(0), Failure::tls, Verdict::unreachable},
            {answer(0), Failure::fatal, Verdict::unreachable},
            {answer(0), Failure::none, Verdict::transient},
        };
        for (const auto& row : table) {
            CAPTURE(row.response.status);
            CAPTURE(row.response.reason);
            CAPTURE(row.response.body);
            CHECK(http::classify(row.response, row.failure) == row.verdict);
        }
    }

    TEST_CASE("throttled and transient sends are worth repeating, nothing else") {
        CHECK(http::is_retryable(Verdict::transient));
        CHECK(http::is_retryable(Verdict::throttled));
        CHECK_FALSE(http::is_retryable(Verdict::success));
        CHECK_FALSE(http::is_retryable(Verdict::unauthorized));
        CHECK_FALSE(http::is_retryable(Verdict::refused));
        CHECK_FALSE(http::is_retryable(Verdict::failed));
        CHECK_FALSE(http::is_retryable(Verdict::unreachable));
    }

} // TEST_SUITE
