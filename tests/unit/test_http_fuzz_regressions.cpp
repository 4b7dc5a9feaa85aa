// Inputs that made the retry_after fuzz target (tests/fuzz/) fail, kept in
// tests/fuzz/regressions/retry_after/ and replayed the way the target reads them; under
// scripts/fuzz the sanitizers watch the replay.
#include "http/http_date.hpp"
#include "http/retry_after.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace gradepost;

namespace {

std::string file_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

constexpr util::Instant k_now{std::chrono::seconds{1795356780}}; // 2026-11-22T14:13:00Z

} // namespace

TEST_SUITE("http::fuzz_regressions") {

    TEST_CASE("retry_after inputs are delays or nothing") {
        std::vector<std::filesystem::path> files;
        for (const auto& entry :
             std::filesystem::directory_iterator(std::filesystem::path(GRADEPOST_SOURCE_DIR) /
                                                 "tests" / "fuzz" / "regressions" / "retry_after"))
            files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        REQUIRE(!files.empty());
        for (const auto& file : files) {
            INFO(file.filename().string());
            auto delay = http::parse_retry_after(file_text(file), k_now);
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
