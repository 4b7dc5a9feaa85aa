#include "input/read_attempts.hpp"
#include "input/read_roster.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

using namespace gradepost;
using namespace std::chrono;

namespace {

std::filesystem::path sample(const std::string& name) {
    return std::filesystem::path(GRADEPOST_SOURCE_DIR) / "samples" / name;
}

input::ReadResult read_sample(const std::string& name, const input::ReadOptions& options = {}) {
    std::vector<std::filesystem::path> files = {sample(name)};
    return input::read_attempt_files(files, options); // throws on any error
}

model::Timestamp utc(int y, unsigned m, unsigned d, int hh, int mm, int ss = 0, int micro = 0) {
    return model::Timestamp{sys_days{year{y} / month{m} / day{d}}} + hours{hh} + minutes{mm} +
           seconds{ss} + microseconds{micro};
}

} // namespace

TEST_SUITE("input::samples") {

    TEST_CASE("canvas-quiz-student-analysis.csv: one attempt per row") {
        auto result = read_sample("canvas-quiz-student-analysis.csv");
        CHECK(result.errors.empty());
        CHECK(result.rows == 12);
        REQUIRE(result.attempts.size() == 12);

        const auto& first = result.attempts[0];
        CHECK(first.user_id == "1001");
        CHECK(*first.score == 4.0);
        CHECK_FALSE(first.maximum);
        CHECK(*first.submitted_at == utc(2026, 11, 20, 14, 3, 11));
        CHECK(*first.attempt_number == 1);
        CHECK(first.attempt_id == "1");
        CHECK(first.where.line == 2);

        // Grace Hopper's third attempt has an answer spanning two lines.
        const auto& third = result.attempts[5];
        CHECK(third.user_id == "1003");
        CHECK(*third.attempt_number == 3);
        CHECK(*third.score == 5.0);
        CHECK(third.where.line == 7);
        CHECK(result.attempts[6].user_id == "1004");
        CHECK(result.attempts[6].where.line == 9);
    }

    TEST_CASE("canvas-quiz-student-analysis.csv with --max") {
        input::ReadOptions options;
        options.default_maximum = 5;
        auto result = read_sample("canvas-quiz-student-analysis.csv", options);
        CHECK(*result.attempts[0].maximum == 5.0);
    }

    TEST_CASE("canvas-gradebook.csv posting one assignment column") {
        input::ReadOptions options;
        options.column_for[input::Field::score] = "Quiz 1 (123)";
        auto result = read_sample("canvas-gradebook.csv", options);
        CHECK(result.rows == 8);
        REQUIRE(result.attempts.size() == 8);

        const auto& ada = result.attempts[0];
        CHECK(ada.user_id == "1001");
        CHECK(*ada.score == 9.5);
        CHECK(*ada.maximum == 10.0);
        CHECK(ada.where.line == 3);
        CHECK(ada.is_graded());

        const auto& katherine = result.attempts[3];
        CHECK(katherine.user_id == "1004");
        CHECK(katherine.status == model::AttemptStatus::excused);
        CHECK_FALSE(katherine.score);

        const auto& donald = result.attempts[6];
        CHECK(donald.user_id == "1007");
        CHECK_FALSE(donald.score);
        CHECK_FALSE(donald.is_graded());
    }

    TEST_CASE("canvas-gradebook.csv: the Essay column has its own maximum") {
        input::ReadOptions options;
        options.column_for[input::Field::score] = "Essay";
        auto result = read_sample("canvas-gradebook.csv", options);
        CHECK(*result.attempts[0].score == 18.0);
        CHECK(*result.attempts[0].maximum == 20.0);
        CHECK_FALSE(result.attempts[2].score); // Grace Hopper has no essay grade
    }

    TEST_CASE("canvas-gradebook.csv without --map score names the columns") {
        input::ReadOptions options;
        options.skip_invalid = true;
        auto result = read_sample("canvas-gradebook.csv", options);
        REQUIRE(result.errors.size() == 1);
        CHECK(result.errors[0].message.starts_with("no score column (found: \"Student\", \"ID\""));
    }

    TEST_CASE("moodle-quiz-grades.csv with --map user=\"Email address\"") {
        input::ReadOptions options;
        options.column_for[input::Field::user] = "Email address";
        auto result = read_sample("moodle-quiz-grades.csv", options);
        CHECK(result.rows == 8);
        REQUIRE(result.attempts.size() == 7); // "Never submitted" is no attempt

        const auto& ada = result.attempts[0];
        CHECK(ada.user_id == "ada.lovelace@example.edu");
        CHECK(*ada.score == 8.5);
        CHECK(*ada.maximum == 10.0);
        CHECK(*ada.submitted_at == utc(2026, 11, 22, 14, 3));
        CHECK(ada.status == model::AttemptStatus::graded);
        CHECK(*result.attempts[1].submitted_at == utc(2026, 11, 23, 9, 20));

        const auto& grace = result.attempts[3];
        CHECK(grace.user_id == "grace.hopper@example.edu");
        CHECK(grace.status == model::AttemptStatus::pending);
        CHECK_FALSE(grace.score);
        CHECK_FALSE(grace.submitted_at);

        CHECK(*result.attempts[5].submitted_at == utc(2026, 11, 22, 12, 25));
        for (const auto& attempt : result.attempts)
            CHECK(attempt.user_id != "edsger.dijkstra@example.edu");
    }

    TEST_CASE("moodle-quiz-grades-fr.csv: semicolons, decimal commas, French names") {
        input::ReadOptions options;
        options.column_for[input::Field::user] = "Adresse de courriel";
        options.column_for[input::Field::score] = "Note";
        options.column_for[input::Field::status] = "État";
        options.column_for[input::Field::submitted] = "Terminé";
        auto result = read_sample("moodle-quiz-grades-fr.csv", options);
        CHECK(result.rows == 6);
        REQUIRE(result.attempts.size() == 5);

        const auto& ada = result.attempts[0];
        CHECK(ada.user_id == "ada.lovelace@example.edu");
        CHECK(*ada.score == 7.5);
        CHECK(*ada.maximum == 10.0);
        CHECK(*ada.submitted_at == utc(2026, 11, 22, 14, 3));
        CHECK(result.attempts[2].status == model::AttemptStatus::pending);
        CHECK(*result.attempts[3].score == 8.25);
    }

    TEST_CASE("moodle-quiz-grades-fr.csv with only --map user, as the README shows") {
        input::ReadOptions options;
        options.column_for[input::Field::user] = "Adresse de courriel";
        auto result = read_sample("moodle-quiz-grades-fr.csv", options);
        CHECK(result.rows == 6);
        REQUIRE(result.attempts.size() == 6); // without the state column "Jamais remis" is a row
        CHECK(*result.attempts[0].score == 7.5);
        CHECK(*result.attempts[0].maximum == 10.0);
        CHECK_FALSE(result.attempts[2].score);
    }

    TEST_CASE("attempts.json: generic assessment API objects") {
        auto result = read_sample("attempts.json");
        CHECK(result.rows == 7);
        REQUIRE(result.attempts.size() == 7);

        const auto& first = result.attempts[0];
        CHECK(first.user_id == "1001");
        CHECK(*first.score == 17.0);
        CHECK(*first.maximum == 20.0);
        CHECK(*first.submitted_at == utc(2026, 11, 22, 14, 3));
        CHECK(*first.attempt_number == 1);
        CHECK(first.comment == "Clear argument; cite your sources.");
        CHECK(first.where.line == 2);

        const auto& pending = result.attempts[2];
        CHECK(pending.status == model::AttemptStatus::pending);
        CHECK_FALSE(pending.score);
        CHECK(*pending.submitted_at == utc(2026, 11, 22, 15, 40, 12));
        CHECK(pending.where.line == 20);

        CHECK(*result.attempts[3].score == 19.0);
        CHECK(*result.attempts[3].submitted_at == utc(2026, 11, 22, 18, 5, 44, 250000));
        CHECK(result.attempts[4].status == model::AttemptStatus::excused);
        CHECK(*result.attempts[5].submitted_at == utc(2026, 11, 22, 4, 59, 59));
    }

    TEST_CASE("attempts.ndjson: one object per line") {
        auto result = read_sample("attempts.ndjson");
        REQUIRE(result.attempts.size() == 7);
        std::vector<std::size_t> lines;
        for (const auto& attempt : result.attempts)
            lines.push_back(attempt.where.line);
        CHECK(lines == std::vector<std::size_t>{1, 2, 3, 4, 6, 7, 8});

        CHECK(*result.attempts[2].score == 85.0);
        CHECK(*result.attempts[2].maximum == 100.0);
        CHECK(*result.attempts[3].score == 17.0);
        CHECK(*result.attempts[3].maximum == 20.0);
        CHECK(*result.attempts[3].submitted_at == utc(2026, 11, 22, 10, 45));
        CHECK(result.attempts[4].status == model::AttemptStatus::pending);
        CHECK(result.attempts[6].attempt_id == "retake-1");
        CHECK_FALSE(result.attempts[6].attempt_number);
        CHECK(*result.attempts[6].submitted_at == utc(2026, 11, 22, 0, 0));
    }

    TEST_CASE("roster.csv: twelve students with emails and sourcedids") {
        auto roster = input::read_roster_file(sample("roster.csv"));
        REQUIRE(roster.size() == 12);
        CHECK(roster[0].user_id == "1001");
        CHECK(roster[0].name == "Ada Lovelace");
        CHECK(roster[0].email == "ada.lovelace@example.edu");
        CHECK(roster[0].sourcedid == "SIS1001");
        CHECK(roster[11].user_id == "1012");
    }
}
