#include "input/read_attempts.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

using namespace gradepost;

namespace {

std::filesystem::path data_file(const std::string& name) {
    return std::filesystem::path(GRADEPOST_SOURCE_DIR) / "tests" / "data" / "input" / name;
}

input::ReadResult read_data(const std::string& name) {
    input::ReadOptions options;
    options.skip_invalid = true;
    std::vector<std::filesystem::path> files = {data_file(name)};
    return input::read_attempt_files(files, options);
}

// Messages without the directory, which depends on the checkout.
std::vector<std::string> messages(const input::ReadResult& result) {
    std::vector<std::string> lines;
    for (auto error : result.errors) {
        error.where.file = std::filesystem::path(error.where.file).filename().string();
        lines.push_back(input::format_diagnostic(error));
    }
    return lines;
}

} // namespace

TEST_SUITE("input::data_files") {

    TEST_CASE("bad/decimal-comma.csv suggests --decimal-comma") {
        auto result = read_data("bad/decimal-comma.csv");
        CHECK(messages(result) ==
              std::vector<std::string>{"decimal-comma.csv:2:2: score \"9,5\" is not a number (use "
                                       "--decimal-comma?)"});
        CHECK(result.attempts.size() == 1);
    }

    TEST_CASE("bad/missing-user-column.csv lists the columns and the --map fix") {
        auto result = read_data("bad/missing-user-column.csv");
        CHECK(messages(result) ==
              std::vector<std::string>{"missing-user-column.csv:1: no user column (found: "
                                       "\"Surname\", \"First name\", \"Email address\", "
                                       "\"Grade/10.00\"); name it with --map user=COLUMN"});
    }

    TEST_CASE("bad/out-of-range.csv: above the maximum, negative, maximum of 0") {
        CHECK(
            messages(read_data("bad/out-of-range.csv")) ==
            std::vector<std::string>{
                "out-of-range.csv:2:2: score \"12\" is above the maximum 10 (use --allow-over-max "
                "to accept extra credit)",
                "out-of-range.csv:3:2: score \"-1\" is negative",
                "out-of-range.csv:4:3: maximum \"0\" must be greater than 0",
            });
    }

    TEST_CASE("bad/bad-dates.csv: an impossible date and a sentence") {
        CHECK(messages(read_data("bad/bad-dates.csv")) ==
              std::vector<std::string>{
                  "bad-dates.csv:2:3: submitted \"2026-02-30T10:00:00Z\" is not a date (use ISO "
                  "8601, e.g. 2026-11-22T14:03:00Z)",
                  "bad-dates.csv:3:3: submitted \"next tuesday\" is not a date (use ISO 8601, e.g. "
                  "2026-11-22T14:03:00Z)",
              });
    }

    TEST_CASE("bad/latin1.csv: invalid UTF-8 on each line") {
        CHECK(messages(read_data("bad/latin1.csv")) ==
              std::vector<std::string>{
                  "latin1.csv:2:2: value in column \"name\" is not valid UTF-8 (save the file as "
                  "UTF-8)",
                  "latin1.csv:3:2: value in column \"name\" is not valid UTF-8 (save the file as "
                  "UTF-8)",
              });
    }

    TEST_CASE("bad/conflicting-attempts.csv names both lines") {
        auto result = read_data("bad/conflicting-attempts.csv");
        CHECK(messages(result) ==
              std::vector<std::string>{"conflicting-attempts.csv:4: attempt \"1\" of user \"1001\" "
                                       "appears twice with different values: score 9 here, score 7 "
                                       "on line 2"});
        REQUIRE(result.attempts.size() == 1);
        CHECK(result.attempts[0].user_id == "1002");
    }

    TEST_CASE("bad/unclosed-quote.csv reports the record where the quote opens") {
        auto result = read_data("bad/unclosed-quote.csv");
        CHECK(messages(result) ==
              std::vector<std::string>{"unclosed-quote.csv:3: a quoted field is never closed (a "
                                       "'\"' is missing)"});
        CHECK(result.attempts.size() == 1);
    }

    TEST_CASE("bad/trailing-comma.json gives line and column") {
        auto lines = messages(read_data("bad/trailing-comma.json"));
        REQUIRE(lines.size() == 1);
        CHECK(lines[0].starts_with("trailing-comma.json:3:38: invalid JSON: syntax error while "
                                   "parsing object key"));
    }

    TEST_CASE("bad/bad-values.ndjson: row errors at their lines") {
        auto result = read_data("bad/bad-values.ndjson");
        CHECK(messages(result) == std::vector<std::string>{
                                      "bad-values.ndjson:2:12: user id is missing",
                                      "bad-values.ndjson:3:34: score \"n/a\" is not a number",
                                  });
        CHECK(result.attempts.size() == 1);
    }

    TEST_CASE("good/semicolon-bom-crlf.csv") {
        auto result = read_data("good/semicolon-bom-crlf.csv");
        CHECK(result.errors.empty());
        REQUIRE(result.attempts.size() == 2);
        CHECK(*result.attempts[0].score == 7.5);
        CHECK(*result.attempts[1].score == 8.25);
        auto day = std::chrono::sys_days{std::chrono::year{2026} / 11 / 22};
        CHECK(*result.attempts[0].submitted_at ==
              day + std::chrono::hours{14} + std::chrono::minutes{3});
        CHECK(*result.attempts[1].submitted_at == day + std::chrono::hours{14});
    }

    TEST_CASE("good/tab-separated.tsv") {
        auto result = read_data("good/tab-separated.tsv");
        CHECK(result.errors.empty());
        REQUIRE(result.attempts.size() == 2);
        CHECK(result.attempts[0].comment == "tabs\tand \"quotes\"");
        CHECK(*result.attempts[0].maximum == 20.0);
        CHECK(*result.attempts[1].maximum == 100.0);
    }

    TEST_CASE("good/attempts-object.json") {
        auto result = read_data("good/attempts-object.json");
        CHECK(result.errors.empty());
        REQUIRE(result.attempts.size() == 2);
        CHECK(result.attempts[0].where.line == 4);
        CHECK(*result.attempts[1].score == 6.5);
    }
}
