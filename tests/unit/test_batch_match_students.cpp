#include "batch/match_students.hpp"

#include <doctest/doctest.h>

using namespace gradepost;

namespace {

model::Attempt attempt(std::string user, std::size_t line) {
    model::Attempt result;
    result.user_id = std::move(user);
    result.score = 5;
    result.where = {"grades.csv", line, 0};
    return result;
}

const model::Roster k_roster = {
    {"1001", "Ada Lovelace", "ada.lovelace@example.edu", "SIS1001"},
    {"1002", "Alan Turing", "alan.turing@example.edu", "SIS1002"},
    {"1003", "Alan Turing", "alan.m.turing@example.edu", "SIS1003"},
};

} // namespace

TEST_SUITE("batch::match_students") {
    TEST_CASE("emails match case-insensitively and trimmed") {
        auto result = batch::match_students({attempt(" Ada.Lovelace@EXAMPLE.edu ", 2)}, k_roster,
                                            batch::MatchField::email);
        REQUIRE(result.attempts.size() == 1);
        CHECK(result.attempts[0].user_id == "1001");
        CHECK(result.unmatched.empty());
    }

    TEST_CASE("an unknown value is reported once with its first line, never guessed") {
        auto result = batch::match_students(
            {attempt("grace@example.edu", 2), attempt("grace@example.edu", 3)}, k_roster,
            batch::MatchField::email);
        CHECK(result.attempts.empty());
        REQUIRE(result.unmatched.size() == 1);
        CHECK(result.unmatched[0].value == "grace@example.edu");
        CHECK(result.unmatched[0].where.line == 2);
    }

    TEST_CASE("a name shared by two members is ambiguous, so unmatched") {
        auto result =
            batch::match_students({attempt("alan turing", 2)}, k_roster, batch::MatchField::name);
        CHECK(result.attempts.empty());
        CHECK(result.unmatched.size() == 1);
    }

    TEST_CASE("sourcedids match case-insensitively and trimmed") {
        auto result = batch::match_students({attempt("SIS1002", 2), attempt(" sis1002 ", 3)},
                                            k_roster, batch::MatchField::sourcedid);
        REQUIRE(result.attempts.size() == 2);
        CHECK(result.attempts[0].user_id == "1002");
        CHECK(result.attempts[1].user_id == "1002");
        CHECK(result.unmatched.empty());
    }

    TEST_CASE("two sourcedids differing only by case make the student ambiguous") {
        model::Roster roster = k_roster;
        roster.push_back({"1004", "Grace Hopper", "grace@example.edu", "sis1001"});
        auto result = batch::match_students({attempt("SIS1001", 2), attempt("SIS1003", 3)}, roster,
                                            batch::MatchField::sourcedid);
        REQUIRE(result.attempts.size() == 1);
        CHECK(result.attempts[0].user_id == "1003");
        REQUIRE(result.unmatched.size() == 1);
        CHECK(result.unmatched[0].value == "SIS1001");
    }

    TEST_CASE("LTI user ids match exactly") {
        model::Roster roster = {{"abc", "A", "a@example.edu", "S1"}};
        auto result =
            batch::match_students({attempt("ABC", 2)}, roster, batch::MatchField::user_id);
        CHECK(result.attempts.empty());
        CHECK(result.unmatched.size() == 1);
    }

    TEST_CASE("field names parse") {
        CHECK(batch::parse_match_field("email") == batch::MatchField::email);
        CHECK(batch::parse_match_field("sourcedid") == batch::MatchField::sourcedid);
        CHECK_FALSE(batch::parse_match_field("phone"));
    }
}
