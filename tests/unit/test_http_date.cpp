#include "http/http_date.hpp"

#include <date/date.h>
#include <doctest/doctest.h>

using namespace gradepost;
using namespace std::chrono_literals;

TEST_SUITE("http::http_date") {

    TEST_CASE("IMF-fixdate is read and written to the second") {
        util::Instant moment = date::sys_days{date::November / 22 / 2026} + 14h + 3min + 7s;
        CHECK(http::parse_http_date("Sun, 22 Nov 2026 14:03:07 GMT") == moment);
        CHECK(http::format_http_date(moment + 999ms) == "Sun, 22 Nov 2026 14:03:07 GMT");
        CHECK(http::parse_http_date(http::format_http_date(moment)) == moment);
    }

    TEST_CASE("other date forms and garbage are not dates") {
        for (const char* text :
             {"", "Sunday, 22-Nov-26 14:03:07 GMT", "Sun Nov 22 14:03:07 2026",
              "Sun, 22 Nov 2026 14:03:07 UTC", "Sun, 22 Nov 2026 14:3:07 GMT",
              "Xyz, 22 Nov 2026 14:03:07 GMT", "Sun, 22 Nov 2026 25:03:07 GMT"}) {
            CAPTURE(text);
            CHECK_FALSE(http::parse_http_date(text).has_value());
        }
    }
}
