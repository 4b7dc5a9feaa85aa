#include "input/dates.hpp"

#include <doctest/doctest.h>

#include <chrono>

using namespace gradepost;
using namespace std::chrono;

namespace {

model::Timestamp utc(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0,
                     int micro = 0) {
    return model::Timestamp{sys_days{year{y} / month{m} / day{d}}} + hours{hh} + minutes{mm} +
           seconds{ss} + microseconds{micro};
}

} // namespace

TEST_SUITE("input::dates") {

    TEST_CASE("ISO 8601 with Z, offsets and fractional seconds") {
        CHECK(input::parse_timestamp("2026-11-22T14:03:00Z") == utc(2026, 11, 22, 14, 3));
        CHECK(input::parse_timestamp("2026-11-22T15:03:00+01:00") == utc(2026, 11, 22, 14, 3));
        CHECK(input::parse_timestamp("2026-11-22T09:03:00-0500") == utc(2026, 11, 22, 14, 3));
        CHECK(input::parse_timestamp("2026-11-22T16:03:00+02") == utc(2026, 11, 22, 14, 3));
        CHECK(input::parse_timestamp("2026-11-22T14:03:00.25Z") ==
              utc(2026, 11, 22, 14, 3, 0, 250000));
        CHECK(input::parse_timestamp("2026-11-22T14:03:00.1234567Z") ==
              utc(2026, 11, 22, 14, 3, 0, 123456));
        CHECK(input::parse_timestamp("2026-11-22T14:03:00") == utc(2026, 11, 22, 14, 3));
    }

    TEST_CASE("space-separated date and time, optionally with UTC, and a bare date") {
        CHECK(input::parse_timestamp("2026-11-20 14:03:11 UTC") == utc(2026, 11, 20, 14, 3, 11));
        CHECK(input::parse_timestamp("2026-11-20 14:03") == utc(2026, 11, 20, 14, 3));
        CHECK(input::parse_timestamp("2026-11-20") == utc(2026, 11, 20));
        CHECK(input::parse_timestamp(" 2026-11-20 ") == utc(2026, 11, 20));
    }

    TEST_CASE("Moodle's dates with double spaces, commas, weekdays and 12-hour clocks") {
        CHECK(input::parse_timestamp("22 November 2026  2:03 PM") == utc(2026, 11, 22, 14, 3));
        CHECK(input::parse_timestamp("22 November 2026, 2:03 PM") == utc(2026, 11, 22, 14, 3));
        CHECK(input::parse_timestamp("Sunday, 22 November 2026, 2:03 PM") ==
              utc(2026, 11, 22, 14, 3));
        CHECK(input::parse_timestamp("22 November 2026  12:03 AM") == utc(2026, 11, 22, 0, 3));
        CHECK(input::parse_timestamp("22 November 2026  12:03 PM") == utc(2026, 11, 22, 12, 3));
        CHECK(input::parse_timestamp("22 November 2026, 14:03") == utc(2026, 11, 22, 14, 3));
        CHECK(input::parse_timestamp("22 novembre 2026, 14:03") == utc(2026, 11, 22, 14, 3));
        CHECK(input::parse_timestamp("1 février 2026, 08:30") == utc(2026, 2, 1, 8, 30));
    }

    TEST_CASE("impossible dates and other text are refused") {
        CHECK_FALSE(input::parse_timestamp("2026-02-30"));
        CHECK_FALSE(input::parse_timestamp("2026-13-01T00:00:00Z"));
        CHECK_FALSE(input::parse_timestamp("2026-11-22T24:00:00Z"));
        CHECK_FALSE(input::parse_timestamp("2026-11-22T14:03:00+25:00"));
        CHECK_FALSE(input::parse_timestamp("2026-11-22T14:03:00 PST"));
        CHECK_FALSE(input::parse_timestamp("31 February 2026  2:03 PM"));
        CHECK_FALSE(input::parse_timestamp("22 November 2026  13:03 PM"));
        CHECK_FALSE(input::parse_timestamp("yesterday"));
        CHECK_FALSE(input::parse_timestamp("11/22/2026"));
    }
}
