#include "input/read_attempts.hpp"
#include "support/diagnostics.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

using namespace gradepost;
using testing::messages;
using namespace std::chrono;

namespace {

input::ReadResult read(std::string_view text, const input::ReadOptions& options = {},
                       std::string_view file_name = "week3.csv") {
    return input::read_attempts(text, file_name, options);
}

model::Timestamp utc(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0) {
    return model::Timestamp{sys_days{year{y} / month{m} / day{d}}} + hours{hh} + minutes{mm} +
           seconds{ss};
}

} // namespace

TEST_SUITE("input::csv_reader") {

    TEST_CASE("a row becomes an attempt with every field") {
        auto result = read("user_id,score,max,submitted_at,attempt,comment,status\n"
                           "u1,17.5,20,2026-11-22T14:03:00Z,2,\"Good, clear\",graded\n");
        REQUIRE(result.errors.empty());
        REQUIRE(result.attempts.size() == 1);
        CHECK(result.rows == 1);
        const auto& attempt = result.attempts[0];
        CHECK(attempt.user_id == "u1");
        CHECK(*attempt.score == 17.5);
        CHECK(*attempt.maximum == 20.0);
        CHECK(*attempt.submitted_at == utc(2026, 11, 22, 14, 3));
        CHECK(*attempt.attempt_number == 2);
        CHECK(attempt.attempt_id == "2");
        CHECK(attempt.comment == "Good, clear");
        CHECK(attempt.status == model::AttemptStatus::graded);
        CHECK(attempt.where.file == "week3.csv");
        CHECK(attempt.where.line == 2);
        CHECK(attempt.is_graded());
    }

    TEST_CASE("an attempt column that is not a number is kept verbatim as the id only") {
        auto result = read("user_id,score,attempt\nu1,5,retake-1\n");
        REQUIRE(result.attempts.size() == 1);
        CHECK(result.attempts[0].attempt_id == "retake-1");
        CHECK_FALSE(result.attempts[0].attempt_number);
    }

    TEST_CASE("a UTF-8 byte order mark is skipped") {
        auto result = read("\xEF\xBB\xBFuser_id,score\nu1,5\n");
        REQUIRE(result.errors.empty());
        CHECK(result.attempts[0].user_id == "u1");
    }

    TEST_CASE("CRLF files and embedded line breaks keep line numbers right") {
        auto result = read("user_id,comment,score\r\n"
                           "u1,\"two\r\nlines\",5\r\n"
                           "u2,plain,abc\r\n");
        REQUIRE(result.attempts.size() == 1);
        CHECK(result.attempts[0].comment == "two\r\nlines");
        CHECK(messages(result) ==
              std::vector<std::string>{"week3.csv:4:3: score \"abc\" is not a number"});
    }

    TEST_CASE("semicolon files are detected and read numbers with a decimal comma") {
        auto result = read("user_id;score;max\nu1;7,50;10\nu2;8;10,5\n");
        REQUIRE(result.errors.empty());
        CHECK(*result.attempts[0].score == 7.5);
        CHECK(*result.attempts[1].maximum == 10.5);
    }

    TEST_CASE("tab-separated files are detected") {
        auto result = read("user_id\tscore\nu1\t7.5\n", {}, "export.tsv");
        REQUIRE(result.errors.empty());
        CHECK(*result.attempts[0].score == 7.5);
    }

    TEST_CASE("--delimiter overrides the detection") {
        input::ReadOptions options;
        options.delimiter = '|';
        auto result = read("user_id|score\nu1|5\n", options);
        REQUIRE(result.errors.empty());
        CHECK(*result.attempts[0].score == 5.0);
    }

    TEST_CASE("--decimal-comma in a comma file reads quoted decimal commas") {
        auto refused = read("user_id,score\nu1,\"9,5\"\n");
        CHECK(messages(refused) ==
              std::vector<std::string>{"week3.csv:2:2: score \"9,5\" is not a number (use "
                                       "--decimal-comma?)"});
        input::ReadOptions options;
        options.decimal_comma = true;
        auto result = read("user_id,score\nu1,\"9,5\"\n", options);
        REQUIRE(result.errors.empty());
        CHECK(*result.attempts[0].score == 9.5);
    }

    TEST_CASE("an unquoted decimal comma splits the row, which is an error, not a shifted row") {
        auto result = read("user_id,score\nu1,9,5\n");
        CHECK(result.attempts.empty());
        CHECK(messages(result) ==
              std::vector<std::string>{"week3.csv:2: 3 fields, the header has 2 (a "
                                       "value with an unquoted \",\"?)"});
    }

    TEST_CASE("--map reads a field from a named column") {
        input::ReadOptions options;
        options.column_for[input::Field::user] = "Email address";
        options.column_for[input::Field::score] = "Quiz 1";
        auto result = read("ID,Email address,Quiz 1 (123),score\n"
                           "9,ada@example.edu,8,1\n",
                           options);
        REQUIRE(result.errors.empty());
        CHECK(result.attempts[0].user_id == "ada@example.edu");
        CHECK(*result.attempts[0].score == 8.0);
    }

    TEST_CASE("score forms: percent, fraction, empty and dash") {
        auto result = read("user_id,score\nu1,85%\nu2,17/20\nu3,\nu4,-\n");
        REQUIRE(result.errors.empty());
        REQUIRE(result.attempts.size() == 4);
        CHECK(*result.attempts[0].maximum == 100.0);
        CHECK(*result.attempts[1].score == 17.0);
        CHECK(*result.attempts[1].maximum == 20.0);
        CHECK_FALSE(result.attempts[2].score);
        CHECK_FALSE(result.attempts[2].is_graded());
        CHECK_FALSE(result.attempts[3].score);
    }

    TEST_CASE("where the maximum comes from: cell, max column, header, --max") {
        input::ReadOptions options;
        options.default_maximum = 50;
        auto result = read("user_id,Grade/10.00,max\nu1,8,\nu2,8,9\nu3,17/20,\n", options);
        REQUIRE(result.errors.empty());
        CHECK(*result.attempts[0].maximum == 10.0);
        CHECK(*result.attempts[1].maximum == 9.0);
        CHECK(*result.attempts[2].maximum == 20.0);

        auto defaulted = read("user_id,score\nu1,8\n", options);
        CHECK(*defaulted.attempts[0].maximum == 50.0);
        auto none = read("user_id,score\nu1,8\n");
        CHECK_FALSE(none.attempts[0].maximum);
    }

    TEST_CASE("a fraction that disagrees with the max column is an error") {
        auto result = read("user_id,score,max\nu1,17/20,25\n");
        CHECK(messages(result) ==
              std::vector<std::string>{"week3.csv:2:2: score \"17/20\" is out of 20 but the max "
                                       "column says \"25\""});
    }

    TEST_CASE("statuses: pending, excused, and the Moodle states") {
        auto result = read("user_id,score,status\n"
                           "u1,,pending\n"
                           "u2,,needs_grading\n"
                           "u3,,excused\n"
                           "u4,7,Finished\n"
                           "u5,-,In progress\n"
                           "u6,-,Never submitted\n"
                           "u7,5,\n");
        REQUIRE(result.errors.empty());
        REQUIRE(result.attempts.size() == 6);
        CHECK(result.rows == 7);
        CHECK(result.attempts[0].status == model::AttemptStatus::pending);
        CHECK(result.attempts[1].status == model::AttemptStatus::pending);
        CHECK(result.attempts[2].status == model::AttemptStatus::excused);
        CHECK(result.attempts[3].is_graded());
        CHECK(result.attempts[4].status == model::AttemptStatus::pending);
        CHECK(result.attempts[5].user_id == "u7");
        CHECK(result.attempts[5].is_graded());
    }

    TEST_CASE("EX in a score cell means excused") {
        auto result = read("user_id,score\nu1,EX\n");
        REQUIRE(result.attempts.size() == 1);
        CHECK(result.attempts[0].status == model::AttemptStatus::excused);
        CHECK_FALSE(result.attempts[0].score);
    }

    TEST_CASE("Moodle's Overall average footer is skipped, not an error") {
        input::ReadOptions options;
        options.column_for[input::Field::user] = "Email address";
        auto result = read("Surname,Email address,Grade/10.00\n"
                           "Lovelace,ada@example.edu,8.50\n"
                           "Overall average,,8.50\n",
                           options);
        CHECK(result.errors.empty());
        CHECK(result.attempts.size() == 1);
        CHECK(result.rows == 1);

        auto by_name_cell = read("user_id,name,score\nu1,Ada,5\n,Overall average,5\n");
        CHECK(by_name_cell.errors.empty());
        CHECK(by_name_cell.attempts.size() == 1);
    }

    TEST_CASE("Canvas's Points Possible row gives the maximum; Muted rows are skipped") {
        input::ReadOptions options;
        options.column_for[input::Field::score] = "Quiz 1 (123)";
        auto result = read("Student,ID,SIS User ID,Quiz 1 (123),Current Score\n"
                           "    Points Possible,,,10.00,(read only)\n"
                           ",,,Muted,\n"
                           "\"Lovelace, Ada\",1001,SIS1001,9.50,95.00\n",
                           options);
        REQUIRE(result.errors.empty());
        REQUIRE(result.attempts.size() == 1);
        CHECK(result.rows == 1);
        CHECK(*result.attempts[0].maximum == 10.0);
        CHECK(result.attempts[0].where.line == 4);
    }

    TEST_CASE("blank rows are skipped") {
        auto result = read("user_id,score\n,\nu1,5\n\n,,\n");
        CHECK(result.errors.empty());
        CHECK(result.attempts.size() == 1);
        CHECK(result.rows == 1);
    }

    TEST_CASE("every bad row is reported, with the column and the bad value") {
        auto result = read("user_id,score,max,submitted_at,status\n"
                           ",5,10,,\n"
                           "u2,nan,10,,\n"
                           "u3,-1,10,,\n"
                           "u4,12,10,,\n"
                           "u5,5,0,,\n"
                           "u6,5,10,yesterday,\n"
                           "u7,5,10,,done\n"
                           "u8,inf,10,,\n"
                           "u9,5,10,,\n");
        CHECK(result.rows == 9);
        REQUIRE(result.attempts.size() == 1);
        CHECK(result.attempts[0].user_id == "u9");
        CHECK(messages(result) ==
              std::vector<std::string>{
                  "week3.csv:2:1: user id is missing",
                  "week3.csv:3:2: score \"nan\" is not a finite number",
                  "week3.csv:4:2: score \"-1\" is negative",
                  "week3.csv:5:2: score \"12\" is above the maximum 10 (use --allow-over-max to "
                  "accept extra credit)",
                  "week3.csv:6:3: maximum \"0\" must be greater than 0",
                  "week3.csv:7:4: submitted \"yesterday\" is not a date (use ISO 8601, e.g. "
                  "2026-11-22T14:03:00Z)",
                  "week3.csv:8:5: status \"done\" is not one of graded, pending, needs_grading, "
                  "excused",
                  "week3.csv:9:2: score \"inf\" is not a finite number",
              });
    }

    TEST_CASE("one row with several problems reports each") {
        auto result = read("user_id,score,submitted_at\n,abc,never\n");
        CHECK(messages(result) ==
              std::vector<std::string>{
                  "week3.csv:2:1: user id is missing",
                  "week3.csv:2:2: score \"abc\" is not a number",
                  "week3.csv:2:3: submitted \"never\" is not a date (use ISO 8601, e.g. "
                  "2026-11-22T14:03:00Z)",
              });
    }

    TEST_CASE("--allow-over-max accepts extra credit") {
        input::ReadOptions options;
        options.allow_over_max = true;
        auto result = read("user_id,score,max\nu1,12,10\n", options);
        REQUIRE(result.errors.empty());
        CHECK(*result.attempts[0].score == 12.0);
    }

    TEST_CASE("invalid UTF-8 is reported in any column, naming the line") {
        auto result = read("user_id,name,score\nu1,Jos\xe9,5\nu2,Ana,6\n");
        CHECK(messages(result) ==
              std::vector<std::string>{"week3.csv:2:2: value in column \"name\" is not valid UTF-8 "
                                       "(save the file as UTF-8)"});
        CHECK(result.attempts.size() == 1);
    }

    TEST_CASE("missing columns are one error naming the file and the columns found") {
        auto result = read("Surname,First name,Grade\nLovelace,Ada,8\n");
        CHECK(result.attempts.empty());
        CHECK(messages(result) ==
              std::vector<std::string>{"week3.csv:1: no user column (found: \"Surname\", \"First "
                                       "name\", \"Grade\"); name it with --map user=COLUMN"});
    }

    TEST_CASE("a mapped column appearing twice is an error of the header") {
        auto result = read("user_id,score,score\nu1,5,6\n");
        CHECK(result.attempts.empty());
        CHECK(messages(result) ==
              std::vector<std::string>{"week3.csv:1: two columns hold the score: \"score\" (column "
                                       "2) and \"score\" (column 3)"});
    }

    TEST_CASE("an empty file is an error") {
        CHECK(messages(read("")) ==
              std::vector<std::string>{"week3.csv:1: the file is empty; an export starts with a "
                                       "header line"});
        CHECK(messages(read("\n\r\n  \n")) ==
              std::vector<std::string>{"week3.csv:1: the file is empty; an export starts with a "
                                       "header line"});
        CHECK(read("user_id,score\n").errors.empty());
    }

    TEST_CASE("control characters of a value are escaped in its message") {
        constexpr char k_text[] = "user_id,score\nu1,\x1b]0;x\x07\x1b[31m5\0\t\n";
        auto result = read(std::string_view(k_text, sizeof k_text - 1));
        CHECK(messages(result) ==
              std::vector<std::string>{"week3.csv:2:2: score \"\\x1b]0;x\\x07\\x1b[31m5\\x00\" is "
                                       "not a number"});
    }

    TEST_CASE("malformed quoting is reported and the other rows are read") {
        auto result = read("user_id,score\nu1,\"5\"x\nu2,6\n");
        REQUIRE(result.attempts.size() == 1);
        CHECK(result.attempts[0].user_id == "u2");
        REQUIRE(result.errors.size() == 1);
        CHECK(input::format_diagnostic(result.errors[0])
                  .starts_with("week3.csv:2: malformed quotes"));
    }

    TEST_CASE("a file without an extension is read as CSV unless it starts like JSON") {
        auto result = read("user_id,score\nu1,5\n", {}, "export");
        CHECK(result.attempts.size() == 1);
    }
}
