#include "input/read_attempts.hpp"
#include "support/diagnostics.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace gradepost;
using testing::messages;

namespace {

input::ReadResult read(std::string_view text) {
    return input::read_attempts(text, "quiz.csv", {});
}

} // namespace

TEST_SUITE("input::strict rows") {

    TEST_CASE("a row with fewer fields than the header is refused, naming both counts") {
        auto result = read("user_id,score,max\nu1,8,10\nu2,9,10\nu3,9,10\nu4,9,10\nu5,9,10\n"
                           "u6,7\n");
        CHECK(result.attempts.size() == 5);
        CHECK(messages(result) ==
              std::vector<std::string>{"quiz.csv:7: 2 fields, the header has 3 (a missing "
                                       "delimiter, or a line break in an unquoted value?)"});
    }

    TEST_CASE("a row with more fields than the header is refused") {
        auto result = read("user_id,score,max\nu1,8,10,extra\n");
        CHECK(result.attempts.empty());
        REQUIRE(result.errors.size() == 1);
        CHECK(messages(result)[0].starts_with("quiz.csv:2: 4 fields, the header has 3"));
    }

    TEST_CASE("one huge field under a three-column header is refused, not read as a user") {
        std::string text = "user_id,score,max\n" + std::string(10 * 1024 * 1024, 'A') + "\n";
        auto result = read(text);
        CHECK(result.attempts.empty());
        REQUIRE(result.errors.size() == 1);
        CHECK(messages(result)[0].starts_with("quiz.csv:2: 1 fields, the header has 3"));
    }

    TEST_CASE("a line break in an unquoted value leaves two short rows, both reported") {
        auto result = read("user_id,comment,score\nu1,good\nwork,8\n");
        CHECK(result.attempts.empty());
        CHECK(messages(result).size() == 2);
        CHECK(messages(result)[0].starts_with("quiz.csv:2: 2 fields"));
        CHECK(messages(result)[1].starts_with("quiz.csv:3: 2 fields"));
    }

    TEST_CASE("trailing empty columns count like any other") {
        auto result = read("user_id,score,,\nu1,8,,\n,,,\nu2,9,,\n");
        CHECK(result.errors.empty());
        CHECK(result.attempts.size() == 2);
        auto short_row = read("user_id,score,,\nu1,8\n");
        CHECK(messages(short_row) ==
              std::vector<std::string>{"quiz.csv:2: 2 fields, the header has 4 (a missing "
                                       "delimiter, or a line break in an unquoted value?)"});
    }

    TEST_CASE("a blank row of any width is skipped; a short Points Possible row is refused") {
        auto blank = read("user_id,score,max\n,\nu1,8,10\n");
        CHECK(blank.errors.empty());
        CHECK(blank.attempts.size() == 1);
        auto points = read("Student,ID,score\n    Points Possible,,10\nAda,u1,8\n"
                           "    Points Possible,\n");
        CHECK(messages(points) ==
              std::vector<std::string>{"quiz.csv:4: 2 fields, the header has 3 (a missing "
                                       "delimiter, or a line break in an unquoted value?)"});
    }
}
