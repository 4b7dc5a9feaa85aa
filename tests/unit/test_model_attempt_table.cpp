#include "model/attempt_table.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <vector>

using gradepost::model::Attempt;
using gradepost::model::AttemptStatus;
using gradepost::model::AttemptTable;
using gradepost::model::Timestamp;

namespace {

Attempt attempt_of(std::string user, std::optional<double> score, std::string file,
                   std::size_t line) {
    Attempt attempt;
    attempt.user_id = std::move(user);
    attempt.score = score;
    attempt.where = {std::move(file), line, 0};
    return attempt;
}

} // namespace

TEST_SUITE("model::AttemptTable") {
    TEST_CASE("an attempt reads back as it was stored, every field") {
        Attempt full = attempt_of("u17", 18, "week3.csv", 12);
        full.maximum = 20;
        full.submitted_at = Timestamp{std::chrono::microseconds{1'795'000'000'123'456}};
        full.attempt_number = 2;
        full.attempt_id = "2";
        full.comment = "well done";
        full.url = "https://quiz.example/a/2";
        full.status = AttemptStatus::pending;
        Attempt bare = attempt_of("u18", std::nullopt, "week3.csv", 13);

        AttemptTable table(std::vector<Attempt>{full, bare});
        REQUIRE(table.size() == 2);
        Attempt back = table[0];
        CHECK(back.user_id == "u17");
        CHECK(back.score == 18.0);
        CHECK(back.maximum == 20.0);
        CHECK(back.submitted_at == full.submitted_at);
        CHECK(back.attempt_number == 2);
        CHECK(back.attempt_id == "2");
        CHECK(back.comment == "well done");
        CHECK(back.url == "https://quiz.example/a/2");
        CHECK(back.status == AttemptStatus::pending);
        CHECK(back.where.file == "week3.csv");
        CHECK(back.where.line == 12);
        Attempt empty = table[1];
        CHECK_FALSE(empty.score);
        CHECK_FALSE(empty.maximum);
        CHECK_FALSE(empty.submitted_at);
        CHECK_FALSE(empty.attempt_number);
        CHECK(empty.attempt_id.empty());
        CHECK(empty.comment.empty());
    }

    TEST_CASE("students are numbered by their first row, each user id stored once") {
        AttemptTable table(std::vector<Attempt>{attempt_of("b", 1, "f.csv", 2),
                                                attempt_of("a", 2, "f.csv", 3),
                                                attempt_of("b", 3, "f.csv", 4)});
        CHECK(table.student_count() == 2);
        CHECK(table.row(0).student == 0);
        CHECK(table.row(1).student == 1);
        CHECK(table.row(2).student == 0);
        CHECK(table.user_id(0) == "b");
        CHECK(table.user_id(1) == "a");
    }

    TEST_CASE("appending another table numbers its students and files in this one") {
        AttemptTable first(std::vector<Attempt>{attempt_of("a", 1, "one.csv", 2)});
        AttemptTable second(std::vector<Attempt>{attempt_of("c", 2, "two.csv", 5),
                                                 attempt_of("a", 3, "two.csv", 6)});
        first.append(second);
        REQUIRE(first.size() == 3);
        CHECK(first.student_count() == 2);
        CHECK(first.row(2).student == first.row(0).student);
        CHECK(first[1].user_id == "c");
        CHECK(first[1].where.file == "two.csv");
        CHECK(first[0].where.file == "one.csv");
    }

    TEST_CASE("dropping rows renumbers students by their first remaining row") {
        AttemptTable table(
            std::vector<Attempt>{attempt_of("a", 1, "f.csv", 2), attempt_of("b", 2, "f.csv", 3),
                                 attempt_of("a", 3, "f.csv", 4), attempt_of("c", 4, "f.csv", 5)});
        table.drop_rows({1, 0, 0, 1});
        REQUIRE(table.size() == 2);
        CHECK(table.student_count() == 2);
        CHECK(table.user_id(0) == "b");
        CHECK(table.user_id(1) == "a");
        CHECK(table[1].score == 3.0);
        CHECK(table[1].where.line == 4);
    }

    TEST_CASE("a hundred thousand users are each found again, in a moved table too") {
        AttemptTable table;
        for (int i = 0; i < 100'000; ++i)
            table.push_back(attempt_of("user-" + std::to_string(i), 1, "f.csv", i + 2));
        for (int i = 0; i < 100'000; i += 7)
            table.push_back(attempt_of("user-" + std::to_string(i), 2, "f.csv", i + 2));
        AttemptTable copy = std::move(table);
        CHECK(copy.student_count() == 100'000);
        CHECK(copy.size() == 100'000 + 14'286);
        CHECK(copy.row(100'000).student == 0);
        CHECK(copy.row(100'001).student == 7);
        CHECK(copy.user_id(99'999) == "user-99999");
        CHECK(copy[100'001].user_id == "user-7");
    }
}
