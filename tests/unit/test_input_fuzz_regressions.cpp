// Inputs that made a fuzz target (tests/fuzz/) fail, kept in tests/fuzz/regressions/<target>/
// and replayed the way the target reads them, so every build checks they stay fixed; under
// scripts/fuzz the sanitizers watch the replay too.
#include "fuzz/read_options.hpp"
#include "input/dates.hpp"
#include "input/file_text.hpp"
#include "input/read_attempts.hpp"
#include "input/read_roster.hpp"
#include "input/utf8.hpp"
#include "input/value_parsing.hpp"
#include "support/error_message.hpp"
#include "support/regression_files.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

using namespace gradepost;

namespace {

std::string roster_error_of(std::string_view text) {
    return testing::error_message_of<util::UsageError>(
        [&] { input::read_roster(text, "roster.csv"); });
}

} // namespace

TEST_SUITE("input::fuzz_regressions") {

    TEST_CASE("csv_reader inputs give attempts or UTF-8 diagnostics, and roster errors") {
        auto files = testing::regression_files("csv_reader");
        REQUIRE(!files.empty());
        for (const auto& file : files) {
            INFO(file.filename().string());
            std::string data = input::read_file_text(file);
            auto fuzz_input = fuzz::split_reader_input(data);
            input::ReadResult result;
            REQUIRE_NOTHROW(
                result = input::read_attempts(fuzz_input.text, "fuzz.csv", fuzz_input.options));
            for (const auto& error : result.errors)
                CHECK(input::is_valid_utf8(error.message));
            CHECK(input::is_valid_utf8(roster_error_of(fuzz_input.text)));
        }
    }

    TEST_CASE("a Latin-1 roster header is quoted with '?' and the fix is named") {
        auto text =
            input::read_file_text(std::filesystem::path(GRADEPOST_SOURCE_DIR) / "tests" / "fuzz" /
                                  "regressions" / "csv_reader" / "latin1-roster-header.csv");
        CHECK(roster_error_of(text) ==
              "roster.csv:1: no user_id column (found: \"Nom\", \"Pr?nom\", \"Courriel\"); the "
              "header is not valid UTF-8 (save the file as UTF-8)");
    }

    TEST_CASE("value_parsing inputs parse or fail cleanly") {
        auto files = testing::regression_files("value_parsing");
        REQUIRE(!files.empty());
        for (const auto& file : files) {
            INFO(file.filename().string());
            std::string text = input::read_file_text(file);
            for (bool decimal_comma : {false, true}) {
                CHECK_NOTHROW(input::parse_number(text, "score", decimal_comma));
                CHECK_NOTHROW(input::parse_score(text, decimal_comma));
                CHECK_NOTHROW(input::parse_maximum(text, decimal_comma));
            }
            CHECK_NOTHROW(input::parse_integer(text));
            CHECK_NOTHROW(input::parse_status(text));
            CHECK_NOTHROW(input::parse_timestamp(text));
        }
    }

    TEST_CASE("a Moodle time with a ':' but no seconds is no date; one with seconds is") {
        CHECK_FALSE(input::parse_timestamp("22 November 2026, 2:03:"));
        CHECK_FALSE(input::parse_timestamp("22 November 2026, 2:03:x"));
        CHECK(input::parse_timestamp("22 November 2026, 2:03:15 PM") ==
              input::parse_timestamp("2026-11-22T14:03:15Z"));
        CHECK(input::parse_timestamp("22 novembre 2026, 14:03") ==
              input::parse_timestamp("2026-11-22T14:03:00Z"));
    }
}
