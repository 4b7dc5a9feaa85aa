#include "input/duplicates.hpp"
#include "input/read_attempts.hpp"
#include "support/diagnostics.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace gradepost;
using testing::messages;

namespace {

input::ReadResult read(std::string_view text) {
    return input::read_attempts(text, "week3.csv", {});
}

model::Attempt attempt(std::string user, std::string id, double score, std::string file,
                       std::size_t line) {
    model::Attempt result;
    result.user_id = std::move(user);
    result.attempt_id = std::move(id);
    result.score = score;
    result.where = {std::move(file), line, 0};
    return result;
}

} // namespace

TEST_SUITE("input::duplicates") {

    TEST_CASE("identical copies of an attempt are merged silently, keeping the first") {
        auto result = read("user_id,attempt,score\nu1,1,5\nu1,2,6\nu1,1,5\nu2,1,5\n");
        REQUIRE(result.errors.empty());
        REQUIRE(result.attempts.size() == 3);
        CHECK(result.attempts[0].where.line == 2);
        CHECK(result.attempts[1].where.line == 3);
        CHECK(result.attempts[2].user_id == "u2");
        CHECK(result.rows == 4);
    }

    TEST_CASE("the same attempt id with a different score is an error naming both lines") {
        auto result = read("user_id,attempt,score,max\nu1,1,5,10\nu1,2,6,10\nu1,1,7,10\n");
        CHECK(
            messages(result) ==
            std::vector<std::string>{"week3.csv:4: attempt \"1\" of user \"u1\" appears twice with "
                                     "different values: score 7 out of 10 here, score 5 out of 10 "
                                     "on line 2"});
        REQUIRE(result.attempts.size() == 1);
        CHECK(result.attempts[0].attempt_id == "2");
    }

    TEST_CASE("a different maximum is a different value too") {
        auto result = read("user_id,attempt,score,max\nu1,1,5,10\nu1,1,5,20\n");
        CHECK(result.errors.size() == 1);
    }

    TEST_CASE("without an attempt id, user and submitted time identify the attempt") {
        auto result = read("user_id,submitted_at,score\n"
                           "u1,2026-11-22T14:03:00Z,5\n"
                           "u1,2026-11-22T15:03:00+01:00,5\n"
                           "u1,2026-11-23T10:00:00Z,5\n"
                           "u1,2026-11-22 14:03,6\n");
        CHECK(messages(result) ==
              std::vector<std::string>{"week3.csv:5: the same attempt of user \"u1\" appears twice "
                                       "with different values: score 6 here, score 5 on line 2"});
        REQUIRE(result.attempts.size() == 1);
        CHECK(result.attempts[0].where.line == 4);
    }

    TEST_CASE("rows with nothing to identify the attempt are all kept") {
        auto result = read("user_id,score\nu1,5\nu1,6\nu1,5\n");
        CHECK(result.errors.empty());
        CHECK(result.attempts.size() == 3);
    }

    TEST_CASE("across files the message names the other file") {
        model::AttemptTable attempts(std::vector<model::Attempt>{
            attempt("u1", "a", 5, "week3.csv", 2), attempt("u1", "a", 5, "week3b.csv", 7),
            attempt("u1", "a", 6, "week3c.csv", 9)});
        std::vector<input::RowDiagnostic> errors;
        input::merge_duplicate_attempts(attempts, errors);
        CHECK(attempts.empty());
        REQUIRE(errors.size() == 1);
        CHECK(input::format_diagnostic(errors[0]) ==
              "week3c.csv:9: attempt \"a\" of user \"u1\" appears twice with different values: "
              "score 6 here, score 5 on week3.csv:2");
    }

    TEST_CASE("the same attempt id of different users is no duplicate") {
        model::AttemptTable attempts(std::vector<model::Attempt>{
            attempt("u1", "1", 5, "a.csv", 2), attempt("u2", "1", 6, "a.csv", 3)});
        std::vector<input::RowDiagnostic> errors;
        input::merge_duplicate_attempts(attempts, errors);
        CHECK(errors.empty());
        CHECK(attempts.size() == 2);
    }

    TEST_CASE("among a hundred thousand attempts, copies are found wherever they are") {
        std::string text = "user_id,attempt,score\n";
        for (int i = 0; i < 100'000; ++i)
            text += "u" + std::to_string(i % 30'000) + "," + std::to_string(i / 30'000) + ",5\n";
        text += "u29999,0,5\n"; // line 100,002: an identical copy of line 30,001
        text += "u12345,2,6\n"; // line 100,003: line 72,347 said 5
        auto result = read(text);
        CHECK(messages(result) ==
              std::vector<std::string>{"week3.csv:100003: attempt \"2\" of user \"u12345\" "
                                       "appears twice with different values: score 6 here, "
                                       "score 5 on line 72347"});
        CHECK(result.attempts.size() == 99'999);
        CHECK(result.rows == 100'002);
    }
}
