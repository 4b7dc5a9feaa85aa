// Inputs that made the retry_after fuzz target (tests/fuzz/) fail, kept in
// tests/fuzz/regressions/retry_after/ and replayed the way the target reads them; under
// scripts/fuzz the sanitizers watch the replay.
#include "http/http_date.hpp"
#include "http/retry_after.hpp"
#include "support/regression_files.hpp"

#include <doctest/doctest.h>

#include <chrono>

using namespace gradepost;

namespace {

constexpr util::Instant k_now{std::chrono::seconds{1795356780}}; // 2026-11-22T14:13:00Z

} // namespace

TEST_SUITE("http::fuzz_regressions") {

    TEST_CASE("retry_after inputs are delays or nothing") {
        auto files = testing::regression_files("retry_after");
        REQUIRE(!files.empty());
        for (const auto& file : files) {
            INFO(file.filename().string());
            auto delay = http::parse_retry_after(testing::regression_bytes(file), k_now);
            CHECK((!delay || delay->count() >= 0));
        }
    }

    TEST_CASE("an HTTP date with a misplaced separator never reaches the date parser") {
        // date::parse took the '-' of "Oct-2026" for a sign, then read the time from the wrong
        // place and rounded a seconds value it never set; "Oct  026" was the year 26.
        CHECK_FALSE(http::parse_http_date("Wed, 02 Oct-2026\xC2"
                                          "07:38:00 GMT"));
        CHECK_FALSE(http::parse_http_date("Wed, 21 Oct-2026 07:28:00 GMT"));
        CHECK_FALSE(http::parse_http_date("Wed, 21 Oct  026 07:28:00 GMT"));
        CHECK_FALSE(http::parse_http_date("Wed,-21 Oct 2026 07:28:00 GMT"));
        CHECK(http::parse_retry_after("Sun, 22 Nov 2026 14:13:30 GMT", k_now) ==
              std::chrono::seconds{30});
    }
}
