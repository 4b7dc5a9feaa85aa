#include "http/throttle.hpp"

#include "support/fake_clock.hpp"

#include <doctest/doctest.h>

using namespace gradepost;
using namespace std::chrono_literals;

namespace {

http::Response answer(int status, http::Headers headers = {}, std::string body = {}) {
    http::Response response;
    response.status = status;
    response.headers = std::move(headers);
    response.body = std::move(body);
    return response;
}

} // namespace

TEST_SUITE("http::throttle") {

    TEST_CASE("without throttling or rate the whole concurrency is used at once") {
        testing::FakeClock clock;
        http::Throttle throttle(8, std::nullopt);
        CHECK(throttle.window() == 8);
        for (int in_flight = 0; in_flight < 8; ++in_flight) {
            CHECK(throttle.may_start(in_flight, clock.now()));
            throttle.on_start(clock.now());
        }
        CHECK_FALSE(throttle.may_start(8, clock.now()));
    }

    TEST_CASE("a 429 halves the window, once for answers that arrive together") {
        testing::FakeClock clock;
        http::Throttle throttle(8, std::nullopt);
        for (int i = 0; i < 8; ++i)
            throttle.on_response(answer(429), clock.now(), 0, clock.now());
        CHECK(throttle.window() == 4);

        clock.advance(http::k_narrowing_interval);
        throttle.on_response(answer(429), clock.now(), 0, clock.now());
        CHECK(throttle.window() == 2);
        clock.advance(http::k_narrowing_interval);
        throttle.on_response(answer(429), clock.now(), 0, clock.now());
        clock.advance(http::k_narrowing_interval);
        throttle.on_response(answer(429), clock.now(), 0, clock.now());
        CHECK(throttle.window() == 1);
    }

    TEST_CASE("Canvas's 403 Rate Limit Exceeded narrows like a 429; a plain 403 does not") {
        testing::FakeClock clock;
        http::Throttle throttle(6, std::nullopt);
        throttle.on_response(answer(403, {}, "403 Forbidden"), clock.now(), 0, clock.now());
        CHECK(throttle.window() == 6);
        throttle.on_response(answer(403, {}, "403 Forbidden (Rate Limit Exceeded)"), clock.now(), 0,
                             clock.now());
        CHECK(throttle.window() == 3);
    }

    TEST_CASE("the window grows back by one per 20 successes, up to the configured value") {
        testing::FakeClock clock;
        http::Throttle throttle(4, std::nullopt);
        throttle.on_response(answer(429), clock.now(), 0, clock.now());
        REQUIRE(throttle.window() == 2);

        for (int i = 0; i < http::k_successes_per_step - 1; ++i)
            throttle.on_response(answer(200), clock.now(), 0, clock.now());
        CHECK(throttle.window() == 2);
        throttle.on_response(answer(201), clock.now(), 0, clock.now());
        CHECK(throttle.window() == 3);

        // Errors other than throttling neither count as successes nor narrow.
        for (int i = 0; i < 50; ++i)
            throttle.on_response(answer(503), clock.now(), 0, clock.now());
        CHECK(throttle.window() == 3);

        for (int i = 0; i < 10 * http::k_successes_per_step; ++i)
            throttle.on_response(answer(204), clock.now(), 0, clock.now());
        CHECK(throttle.window() == 4);
    }

    TEST_CASE("throttling again restarts the count of successes") {
        testing::FakeClock clock;
        http::Throttle throttle(8, std::nullopt);
        throttle.on_response(answer(429), clock.now(), 0, clock.now());
        for (int i = 0; i < http::k_successes_per_step - 1; ++i)
            throttle.on_response(answer(200), clock.now(), 0, clock.now());
        throttle.on_response(answer(429), clock.now(), 0,
                             clock.now()); // within the interval: no second halving
        CHECK(throttle.window() == 4);
        throttle.on_response(answer(200), clock.now(), 0, clock.now());
        CHECK(throttle.window() == 4);
    }

    TEST_CASE("Canvas's bucket holds starts that the window would allow") {
        testing::FakeClock clock;
        http::Throttle throttle(8, std::nullopt);
        throttle.on_start(clock.now());
        throttle.on_response(answer(200, {{"X-Rate-Limit-Remaining", "699.0"}}), clock.now(), 0,
                             clock.now());
        CHECK(throttle.may_start(0, clock.now()));
        throttle.on_start(clock.now());
        throttle.on_response(answer(200, {{"X-Rate-Limit-Remaining", "40.0"}}), clock.now(), 0,
                             clock.now());
        CHECK(throttle.window() == 8);
        CHECK_FALSE(throttle.may_start(0, clock.now()));
        CHECK(throttle.next_start(0) == throttle.pacer().next_start(0));
        CHECK(throttle.next_start(0) > clock.now());
    }

    TEST_CASE("--rate spaces starts by 1/rate seconds") {
        testing::FakeClock clock;
        http::Throttle throttle(8, 4.0);
        CHECK(throttle.may_start(0, clock.now()));
        throttle.on_start(clock.now());
        CHECK_FALSE(throttle.may_start(1, clock.now()));
        CHECK(throttle.next_start(1) == clock.now() + 250ms);
        clock.advance(249ms);
        CHECK_FALSE(throttle.may_start(1, clock.now()));
        clock.advance(1ms);
        CHECK(throttle.may_start(1, clock.now()));
    }

    TEST_CASE("a concurrency below 1 is taken as 1") {
        http::Throttle throttle(0, std::nullopt);
        CHECK(throttle.window() == 1);
    }
}
