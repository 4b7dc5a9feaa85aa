#include "http/retry_policy.hpp"

#include "http/retry_after.hpp"

#include "support/fake_clock.hpp"

#include <doctest/doctest.h>

using namespace gradepost;
using namespace std::chrono_literals;
using http::Failure;

namespace {

http::Response answer(int status, std::string reason = {}, std::string body = {}) {
    http::Response response;
    response.status = status;
    response.reason = std::move(reason);
    response.body = std::move(body);
    return response;
}

} // namespace

TEST_SUITE("http::retry_policy") {

    TEST_CASE("which responses are sent again") {
        struct Row {
            http::Response response;
            Failure failure;
            bool retried;
        };
        const Row table[] = {
            {answer(200), Failure::none, false},
            {answer(201), Failure::none, false},
            {answer(302), Failure::none, false},
            {answer(400, "User is not enrolled"), Failure::none, false},
            {answer(401), Failure::none, false},
            {answer(403, "Forbidden", "{\"errors\":[\"unauthorized\"]}"), Failure::none, false},
            {answer(403, "Forbidden", "403 Forbidden (Rate Limit Exceeded)"), Failure::none, true},
            {answer(403, "Forbidden (Rate Limit Exceeded)"), Failure::none, true},
            {answer(404), Failure::none, false},
            {answer(409), Failure::none, false},
            {answer(422), Failure::none, false},
            {answer(429), Failure::none, true},
            {answer(500), Failure::none, true},
            {answer(501), Failure::none, false},
            {answer(502), Failure::none, true},
            {answer(503), Failure::none, true},
            {answer(504), Failure::none, true},
            {answer(0), Failure::not_sent, true},
            {answer(0), Failure::no_answer, true},
            {answer(0), Failure::tls, false},
            {answer(0), Failure::fatal, false},
        };
        for (const auto& row : table) {
            CAPTURE(row.response.status);
            CAPTURE(row.response.body);
            CHECK(http::is_retryable(row.response, row.failure) == row.retried);
        }
    }

    TEST_CASE("throttling is 429 or Canvas's 403 Rate Limit Exceeded") {
        CHECK(http::is_throttled(answer(429)));
        CHECK(http::is_throttled(answer(403, "Forbidden", "403 Forbidden (Rate Limit Exceeded)")));
        CHECK_FALSE(http::is_throttled(answer(403, "Forbidden")));
        CHECK_FALSE(http::is_throttled(answer(503)));
    }

    TEST_CASE("only an unanswered send may have reached the server") {
        CHECK(http::may_have_reached_server(Failure::no_answer));
        CHECK_FALSE(http::may_have_reached_server(Failure::not_sent));
        CHECK_FALSE(http::may_have_reached_server(Failure::none));
        CHECK_FALSE(http::may_have_reached_server(Failure::tls));
    }

    TEST_CASE("the backoff ceiling doubles from 250 ms up to the cap") {
        CHECK(http::backoff_ceiling(1, 30s) == 250ms);
        CHECK(http::backoff_ceiling(2, 30s) == 500ms);
        CHECK(http::backoff_ceiling(3, 30s) == 1000ms);
        CHECK(http::backoff_ceiling(7, 30s) == 16000ms);
        CHECK(http::backoff_ceiling(8, 30s) == 30s);
        CHECK(http::backoff_ceiling(100, 30s) == 30s);
        CHECK(http::backoff_ceiling(1, 100ms) == 100ms);
    }

    TEST_CASE("full jitter stays within [0, ceiling] and spreads over it") {
        std::mt19937_64 random(42);
        for (int retry = 1; retry <= 10; ++retry) {
            auto ceiling = http::backoff_ceiling(retry, 4s);
            auto smallest = ceiling;
            auto largest = 0ms;
            for (int i = 0; i < 200; ++i) {
                auto delay = http::backoff_delay(retry, 4s, random);
                REQUIRE(delay >= 0ms);
                REQUIRE(delay <= ceiling);
                smallest = std::min(smallest, delay);
                largest = std::max(largest, delay);
            }
            CAPTURE(retry);
            CHECK(smallest < ceiling / 4);
            CHECK(largest > ceiling * 3 / 4);
        }
    }

    TEST_CASE("the same seed gives the same schedule") {
        std::mt19937_64 first(7);
        std::mt19937_64 second(7);
        for (int retry = 1; retry <= 6; ++retry)
            CHECK(http::backoff_delay(retry, 30s, first) ==
                  http::backoff_delay(retry, 30s, second));
    }

    TEST_CASE("Retry-After replaces the backoff, up to its cap") {
        testing::FakeClock clock;
        std::mt19937_64 random(1);
        auto throttled = answer(429);
        throttled.headers = {{"retry-after", "7"}};
        CHECK(http::retry_delay(throttled, 1, 100ms, clock.now(), random) == 7s);

        throttled.headers = {{"Retry-After", "86400"}};
        CHECK(http::retry_delay(throttled, 1, 100ms, clock.now(), random) ==
              http::k_retry_after_cap);

        throttled.headers = {{"Retry-After", "whenever"}};
        CHECK(http::retry_delay(throttled, 1, 100ms, clock.now(), random) <= 100ms);
    }
}
