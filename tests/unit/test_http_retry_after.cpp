#include "http/retry_after.hpp"

#include "support/fake_clock.hpp"

#include <date/date.h>
#include <doctest/doctest.h>

using namespace gradepost;
using namespace std::chrono_literals;

TEST_SUITE("http::retry_after") {

    TEST_CASE("delay-seconds are taken as they are") {
        testing::FakeClock clock;
        CHECK(http::parse_retry_after("0", clock.now()) == 0s);
        CHECK(http::parse_retry_after("1", clock.now()) == 1s);
        CHECK(http::parse_retry_after(" 120 ", clock.now()) == 120s);
        CHECK(http::parse_retry_after("3600", clock.now()) == 3600s); // capping is the caller's
    }

    TEST_CASE("an HTTP date is measured from now, and a past date means now") {
        // 2026-11-22 14:03:00 UTC, half a second before a whole second
        testing::FakeClock clock(date::sys_days{date::November / 22 / 2026} + 14h + 2min +
                                 59'500ms);
        CHECK(http::parse_retry_after("Sun, 22 Nov 2026 14:03:30 GMT", clock.now()) == 31s);
        CHECK(http::parse_retry_after("Sun, 22 Nov 2026 14:00:00 GMT", clock.now()) == 0s);
    }

    TEST_CASE("garbage, negative and fractional values are ignored") {
        testing::FakeClock clock;
        for (const char* value :
             {"", "  ", "soon", "-5", "1.5", "12abc", "2026-11-22T14:03:30Z", "Sun, 22 Nov 2026",
              "Sun, 22 Nov 2026 14:03 GMT", "Sun, 22 Foo 2026 14:03:30 GMT",
              "Sun, 32 Nov 2026 14:03:30 GMT", "Sun, 22 Nov 2026 14:03:30 CET"}) {
            CAPTURE(value);
            CHECK_FALSE(http::parse_retry_after(value, clock.now()).has_value());
        }
    }

    TEST_CASE("an absurdly large number stays large rather than wrapping") {
        testing::FakeClock clock;
        auto delay = http::parse_retry_after("99999999999999999999999", clock.now());
        REQUIRE(delay.has_value());
        CHECK(*delay > http::k_retry_after_cap);
    }
}
