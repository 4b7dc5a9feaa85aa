#include "input/read_attempts.hpp"
#include "support/diagnostics.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace gradepost;
using testing::messages;

namespace {

input::ReadResult read(std::string_view text, std::string_view file_name = "attempts.json",
                       const input::ReadOptions& options = {}) {
    return input::read_attempts(text, file_name, options);
}

std::vector<std::size_t> lines_of(const input::ReadResult& result) {
    std::vector<std::size_t> lines;
    for (const auto& attempt : result.attempts)
        lines.push_back(attempt.where.line);
    return lines;
}

} // namespace

TEST_SUITE("input::json_reader") {

    TEST_CASE("an array of objects, each with the line where it starts") {
        auto result = read("[\n"
                           "  {\"userId\": \"u1\", \"scoreGiven\": 17, \"scoreMaximum\": 20,\n"
                           "   \"comment\": \"has [brackets] and {braces}\"},\n"
                           "  {\n"
                           "    \"userId\": \"u2\", \"scoreGiven\": 18.5, \"scoreMaximum\": 20\n"
                           "  }\n"
                           "]\n");
        REQUIRE(result.errors.empty());
        REQUIRE(result.attempts.size() == 2);
        CHECK(result.rows == 2);
        CHECK(lines_of(result) == std::vector<std::size_t>{2, 4});
        CHECK(result.attempts[0].comment == "has [brackets] and {braces}");
        CHECK(*result.attempts[1].score == 18.5);
        CHECK(*result.attempts[1].maximum == 20.0);
    }

    TEST_CASE("an object with an attempts array, other keys ignored") {
        auto result = read("{\n"
                           "  \"course\": {\"id\": 7, \"tags\": [\"a\", {\"b\": 1}]},\n"
                           "  \"attempts\": [\n"
                           "    {\"user_id\": \"u1\", \"score\": 5},\n"
                           "    {\"user_id\": \"u2\", \"score\": 6}\n"
                           "  ],\n"
                           "  \"exported\": \"2026-11-22\"\n"
                           "}\n");
        REQUIRE(result.errors.empty());
        CHECK(lines_of(result) == std::vector<std::size_t>{4, 5});
    }

    TEST_CASE("NDJSON, one object per line, blank lines allowed") {
        auto result = read("{\"user_id\": \"u1\", \"score\": 5}\n"
                           "\n"
                           "{\"user_id\": \"u2\", \"score\": 6}\r\n",
                           "attempts.ndjson");
        REQUIRE(result.errors.empty());
        CHECK(lines_of(result) == std::vector<std::size_t>{1, 3});
    }

    TEST_CASE("NDJSON is recognised without its extension") {
        auto result = read(
            "{\"user_id\": \"u1\", \"score\": 5}\n{\"user_id\": \"u2\", \"score\": 6}\n", "export");
        REQUIRE(result.errors.empty());
        CHECK(result.attempts.size() == 2);
    }

    TEST_CASE("a lone object is one attempt") {
        auto result = read("{\"user_id\": \"u1\", \"score\": 5}");
        REQUIRE(result.errors.empty());
        CHECK(result.attempts.size() == 1);
    }

    TEST_CASE("NDJSON syntax errors name their line, and the other lines are read") {
        auto result = read("{\"user_id\": \"u1\", \"score\": 5}\n"
                           "{\"user_id\": \"u2\", \"score\": }\n"
                           "[1, 2]\n"
                           "{\"user_id\": \"u3\", \"score\": 7}\n",
                           "attempts.ndjson");
        CHECK(result.attempts.size() == 2);
        auto lines = messages(result);
        REQUIRE(lines.size() == 2);
        CHECK(lines[0].starts_with("attempts.ndjson:2:28: invalid JSON: syntax error"));
        CHECK(lines[1] == "attempts.ndjson:3: line is not a JSON object");
    }

    TEST_CASE("a syntax error in a document names its line and column") {
        auto result = read(
            "[\n  {\"user_id\": \"u1\", \"score\": 5},\n  {\"user_id\": \"u2\" \"score\": 6}\n]");
        CHECK(result.attempts.empty());
        auto lines = messages(result);
        REQUIRE(lines.size() == 1);
        CHECK(lines[0].starts_with("attempts.json:3:26: invalid JSON: syntax error while parsing "
                                   "object"));
    }

    TEST_CASE("values may be strings, numbers or null") {
        auto result =
            read("[{\"userId\": 1001, \"scoreGiven\": \"17/20\", \"attempt\": 2, "
                 "\"submittedAt\": null, \"comment\": null, \"status\": \"graded\"},"
                 " {\"userId\": \"1002\", \"scoreGiven\": null, \"scoreMaximum\": \"10\"}]");
        REQUIRE(result.errors.empty());
        REQUIRE(result.attempts.size() == 2);
        CHECK(result.attempts[0].user_id == "1001");
        CHECK(*result.attempts[0].score == 17.0);
        CHECK(*result.attempts[0].maximum == 20.0);
        CHECK(*result.attempts[0].attempt_number == 2);
        CHECK(result.attempts[0].attempt_id == "2");
        CHECK_FALSE(result.attempts[0].submitted_at);
        CHECK_FALSE(result.attempts[1].score);
        CHECK(*result.attempts[1].maximum == 10.0);
    }

    TEST_CASE("other value types are errors at the object's line") {
        auto result = read("[\n{\"userId\": \"u1\", \"scoreGiven\": [5]},\n{\"userId\": true, "
                           "\"scoreGiven\": 5}\n]");
        CHECK(result.attempts.empty());
        CHECK(
            messages(result) ==
            std::vector<std::string>{
                "attempts.json:2: \"scoreGiven\" holds array; it must be a string, a number or "
                "null",
                "attempts.json:3: \"userId\" holds boolean; it must be a string, a number or null",
            });
    }

    TEST_CASE("row errors carry the line of their object") {
        auto result = read("[\n"
                           "  {\"userId\": \"u1\", \"scoreGiven\": 25, \"scoreMaximum\": 20},\n"
                           "  {\"userId\": \"\", \"scoreGiven\": 5}\n"
                           "]");
        CHECK(
            messages(result) ==
            std::vector<std::string>{
                "attempts.json:2:34: score \"25\" is above the maximum 20 (use --allow-over-max to "
                "accept extra credit)",
                "attempts.json:3:14: user id is missing",
            });
    }

    TEST_CASE("a key no object has is one error listing the keys found") {
        auto result = read("[{\"student\": \"u1\", \"scoreGiven\": 5}]");
        CHECK(messages(result) ==
              std::vector<std::string>{"attempts.json:1: no user key (found: \"student\", "
                                       "\"scoreGiven\"); name it with --map user=KEY"});
    }

    TEST_CASE("an object without a score is not graded yet") {
        auto result = read("[{\"userId\": \"u1\", \"scoreGiven\": 5}, {\"userId\": \"u2\"}]");
        REQUIRE(result.errors.empty());
        CHECK_FALSE(result.attempts[1].is_graded());
    }

    TEST_CASE("--map works on keys") {
        input::ReadOptions options;
        options.column_for[input::Field::user] = "learner";
        auto result =
            read("[{\"learner\": \"u1\", \"userId\": \"x\", \"score\": 5}]", "a.json", options);
        REQUIRE(result.errors.empty());
        CHECK(result.attempts[0].user_id == "u1");
    }

    TEST_CASE("shapes that hold no attempts are errors") {
        CHECK(messages(read("42")) ==
              std::vector<std::string>{"attempts.json:1: expected an array of objects, an object "
                                       "with an \"attempts\" array, or one object per line"});
        CHECK(messages(read("{\"attempts\": 5}")) ==
              std::vector<std::string>{"attempts.json:1: \"attempts\" is not an array of objects"});
        CHECK(messages(read("[{\"userId\": \"u1\", \"score\": 1},\n 7]")) ==
              std::vector<std::string>{"attempts.json:2: element 2 is not an object"});
    }

    TEST_CASE("invalid UTF-8 in JSON is a syntax error with its line") {
        auto result = read("[\n{\"userId\": \"Jos\xe9\", \"score\": 1}]");
        REQUIRE(result.errors.size() == 1);
        CHECK(input::format_diagnostic(result.errors[0]).starts_with("attempts.json:2:"));
        CHECK(result.errors[0].message.find("UTF-8") != std::string::npos);
        CHECK(input::format_diagnostic(result.errors[0]).find('\xe9') == std::string::npos);
    }

    TEST_CASE("a number beyond a double is an error at its line, in documents and NDJSON") {
        auto result = read("[\n{\"userId\": \"u1\", \"scoreGiven\": 5},\n"
                           "{\"userId\": \"u2\", \"scoreGiven\": -1e999}\n]");
        CHECK(messages(result) == std::vector<std::string>{"attempts.json:3:37: invalid JSON: a "
                                                           "number is too large"});
        auto lines = read("{\"userId\": \"u1\", \"scoreGiven\": 5}\n"
                          "{\"userId\": \"u2\", \"scoreGiven\": 1e999}\n",
                          "attempts.ndjson");
        CHECK(lines.attempts.size() == 1);
        CHECK(messages(lines) == std::vector<std::string>{"attempts.ndjson:2:36: invalid JSON: a "
                                                          "number is too large"});
        auto digits =
            read("[{\"userId\": \"u1\", \"scoreGiven\": " + std::string(100000, '9') + "}]");
        REQUIRE(digits.errors.size() == 1);
        CHECK(digits.errors[0].message.size() < 100);
    }

    TEST_CASE("a string never closed is quoted briefly, not to the end of the file") {
        auto result = read("[{\"userId\": \"u1\", \"scoreGiven\": \"" + std::string(100000, 'A'));
        REQUIRE(result.errors.size() == 1);
        CHECK(result.errors[0].message ==
              "invalid JSON: syntax error while parsing value - invalid string: missing closing "
              "quote; last read: '\"" +
                  std::string(39, 'A') + "...'");
    }

    TEST_CASE("nesting 100,000 deep is an error, not a crash") {
        std::string open(100000, '[');
        std::string close(100000, ']');
        CHECK(messages(read(open)).at(0).starts_with("attempts.json:1:100001: invalid JSON"));
        CHECK(messages(read(open + close)) ==
              std::vector<std::string>{"attempts.json:1: element 1 is not an object"});
        std::string objects;
        for (int i = 0; i < 100000; ++i)
            objects += "{\"a\": ";
        objects += "1" + std::string(100000, '}');
        CHECK(messages(read("[{\"userId\": \"u1\", \"scoreGiven\": " + objects + "}]")) ==
              std::vector<std::string>{"attempts.json:1: \"scoreGiven\" holds object; it must be "
                                       "a string, a number or null"});
    }

    TEST_CASE("a byte order mark before JSON is skipped") {
        auto result = read("\xEF\xBB\xBF[{\"userId\": \"u1\", \"score\": 1}]");
        CHECK(result.errors.empty());
        CHECK(result.attempts.size() == 1);
    }
}
