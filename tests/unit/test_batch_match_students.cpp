#include "batch/match_students.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <span>
#include <string>
#include <vector>

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

batch::MatchResult match(const std::vector<model::Attempt>& attempts, const model::Roster& roster,
                         batch::MatchField field) {
    return batch::match_students(model::AttemptTable(attempts), roster, field);
}

} // namespace

TEST_SUITE("batch::match_students") {
    TEST_CASE("emails match case-insensitively and trimmed") {
        auto result =
            match({attempt(" Ada.Lovelace@EXAMPLE.edu ", 2)}, k_roster, batch::MatchField::email);
        REQUIRE(result.attempts.size() == 1);
        CHECK(result.attempts[0].user_id == "1001");
        CHECK(result.unmatched.empty());
    }

    TEST_CASE("an unknown value is reported once with its first line, never guessed") {
        auto result = match({attempt("grace@example.edu", 2), attempt("grace@example.edu", 3)},
                            k_roster, batch::MatchField::email);
        CHECK(result.attempts.empty());
        REQUIRE(result.unmatched.size() == 1);
        CHECK(result.unmatched[0].value == "grace@example.edu");
        CHECK(result.unmatched[0].where.line == 2);
    }

    TEST_CASE("a name shared by two members is ambiguous, so unmatched") {
        auto result = match({attempt("alan turing", 2)}, k_roster, batch::MatchField::name);
        CHECK(result.attempts.empty());
        CHECK(result.unmatched.size() == 1);
    }

    TEST_CASE("sourcedids match case-insensitively and trimmed") {
        auto result = match({attempt("SIS1002", 2), attempt(" sis1002 ", 3)}, k_roster,
                            batch::MatchField::sourcedid);
        REQUIRE(result.attempts.size() == 2);
        CHECK(result.attempts[0].user_id == "1002");
        CHECK(result.attempts[1].user_id == "1002");
        CHECK(result.unmatched.empty());
    }

    TEST_CASE("two sourcedids differing only by case make the student ambiguous") {
        model::Roster roster = k_roster;
        roster.push_back({"1004", "Grace Hopper", "grace@example.edu", "sis1001"});
        auto result = match({attempt("SIS1001", 2), attempt("SIS1003", 3)}, roster,
                            batch::MatchField::sourcedid);
        REQUIRE(result.attempts.size() == 1);
        CHECK(result.attempts[0].user_id == "1003");
        REQUIRE(result.unmatched.size() == 1);
        CHECK(result.unmatched[0].value == "SIS1001");
    }

    TEST_CASE("LTI user ids match exactly") {
        model::Roster roster = {{"abc", "A", "a@example.edu", "S1"}};
        auto result = match({attempt("ABC", 2)}, roster, batch::MatchField::user_id);
        CHECK(result.attempts.empty());
        CHECK(result.unmatched.size() == 1);
    }

    TEST_CASE("field names parse") {
        CHECK(batch::parse_match_field("email") == batch::MatchField::email);
        CHECK(batch::parse_match_field("sourcedid") == batch::MatchField::sourcedid);
        CHECK_FALSE(batch::parse_match_field("phone"));
    }

    TEST_CASE("rows that waited in a temporary file match as rows in memory do") {
        // 3,000 rows of four spellings of two members and one stranger, interleaved; the
        // source table holds 7 rows in memory, so both tables spill.
        const char* spellings[] = {"SIS1001", " sis1001", "SIS1003", "nobody", "Sis1003 "};
        model::AttemptTable spilled(7);
        std::vector<model::Attempt> all;
        for (std::size_t i = 0; i < 3'000; ++i) {
            auto row = attempt(spellings[i % 5], i + 2);
            row.score = static_cast<double>(i);
            spilled.push_back(row);
            all.push_back(row);
        }
        REQUIRE(spilled.has_spilled());
        auto from_file = batch::match_students(spilled, k_roster, batch::MatchField::sourcedid);
        auto from_memory = match(all, k_roster, batch::MatchField::sourcedid);
        REQUIRE(from_file.attempts.has_spilled());
        REQUIRE_FALSE(from_memory.attempts.has_spilled());
        CHECK(from_file.attempts.size() == 2'400);
        CHECK(from_file.attempts.student_count() == 2);
        REQUIRE(from_file.unmatched.size() == 1);
        CHECK(from_file.unmatched[0].value == "nobody");
        CHECK(from_file.unmatched[0].where.line == 5);

        // Each member's rows: those of the value seen first, in the order of the file, then
        // those of the next value (1001: "SIS1001" has scores 0, 5, 10..., " sis1001" 1, 6...).
        auto scores_of = [](const model::AttemptTable& table) {
            std::map<std::string, std::vector<double>> scores;
            table.for_each_student(
                [&](std::uint32_t student, std::span<const model::AttemptTable::Row> rows) {
                    for (const auto& row : rows)
                        scores[std::string(table.user_id(student))].push_back(row.score);
                });
            return scores;
        };
        auto expected = scores_of(from_memory.attempts);
        CHECK(scores_of(from_file.attempts) == expected);
        REQUIRE(expected["1001"].size() == 1'200);
        CHECK(std::is_sorted(expected["1001"].begin(), expected["1001"].begin() + 600));
        CHECK(expected["1001"][1] == 5);
        CHECK(expected["1001"][600] == 1);
        CHECK(expected["1001"][601] == 6);
    }
}
