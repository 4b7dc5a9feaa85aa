#include "input/format_detection.hpp"

#include <doctest/doctest.h>

using namespace gradepost::input;

TEST_SUITE("input::format_detection") {

    TEST_CASE("the extension decides first") {
        CHECK(detect_format("[1]", "a.csv", Format::automatic).format == Format::csv);
        CHECK(detect_format("[1]", "a.TSV", Format::automatic).format == Format::csv);
        CHECK(detect_format("[1]", "dir.v2/a.txt", Format::automatic).format == Format::csv);
        CHECK(detect_format("a,b", "a.json", Format::automatic).format == Format::json);
        auto ndjson = detect_format("{}", "a.ndjson", Format::automatic);
        CHECK(ndjson.format == Format::json);
        CHECK(ndjson.is_ndjson);
        CHECK(detect_format("{}", "a.jsonl", Format::automatic).is_ndjson);
    }

    TEST_CASE("then the content: '[' or '{' first means JSON") {
        CHECK(detect_format("  \n[{}]", "export", Format::automatic).format == Format::json);
        CHECK(detect_format("\xEF\xBB\xBF{\"a\":1}", "export", Format::automatic).format ==
              Format::json);
        CHECK(detect_format("user_id,score\n", "export", Format::automatic).format == Format::csv);
        CHECK(detect_format("", "export", Format::automatic).format == Format::csv);
    }

    TEST_CASE("--format wins over the extension") {
        CHECK(detect_format("[]", "a.csv", Format::json).format == Format::json);
        CHECK(detect_format("a,b", "a.json", Format::csv).format == Format::csv);
        CHECK(detect_format("{}", "a.jsonl", Format::json).is_ndjson);
    }

    TEST_CASE("delimiters: comma, semicolon, tab") {
        CHECK(detect_delimiter("user_id,score\n1,2\n") == ',');
        CHECK(detect_delimiter("user_id;score\n1;2\n") == ';');
        CHECK(detect_delimiter("user_id\tscore\n1\t2\n") == '\t');
    }

    TEST_CASE("decimal commas do not fool the semicolon detection") {
        CHECK(detect_delimiter("Nom;Note/10,00;Q. 1 /5,00;Q. 2 /5,00;Q. 3 /5,00\n"
                               "Lovelace;7,50;5,00;2,50;1,00\n") == ';');
    }

    TEST_CASE("semicolons inside a comma file, quoted or in one row, do not win") {
        CHECK(detect_delimiter("user_id,score,comment\n1,2,\"a; b; c\"\n3,4,fine\n") == ',');
        CHECK(detect_delimiter("user_id,score,comment\n1,2,a; b\n3,4,fine\n") == ',');
    }

    TEST_CASE("a quoted header with line breaks is one record") {
        CHECK(detect_delimiter("\"user\nid\";score\n1;2\n") == ';');
    }

    TEST_CASE("a single column falls back to comma") {
        CHECK(detect_delimiter("user_id\n1\n") == ',');
        CHECK(detect_delimiter("") == ',');
    }
}
