#include "input/column_mapping.hpp"

#include <doctest/doctest.h>

#include <string_view>
#include <vector>

using namespace gradepost::input;

namespace {

LayoutResult map(std::vector<std::string_view> names, const ReadOptions& options = {}) {
    ColumnMatcher matcher(options.column_for, options.user_is_email);
    return map_columns(names, matcher, "column");
}

} // namespace

TEST_SUITE("input::column_mapping") {

    TEST_CASE("parse_field knows the --map keys") {
        CHECK(parse_field("user") == Field::user);
        CHECK(parse_field("Score") == Field::score);
        CHECK(parse_field("max") == Field::maximum);
        CHECK(parse_field("maximum") == Field::maximum);
        CHECK(parse_field("submitted") == Field::submitted);
        CHECK(parse_field("attempt") == Field::attempt);
        CHECK(parse_field("comment") == Field::comment);
        CHECK(parse_field("status") == Field::status);
        CHECK_FALSE(parse_field("email"));
        CHECK_FALSE(parse_field(""));
        CHECK(field_key(Field::maximum) == "max");
    }

    TEST_CASE("default names match ignoring case, spaces, underscores and hyphens") {
        auto result = map({"User ID", "SCORE", "max-score", "Submitted At", "attempt_number",
                           "Feedback", "Grading Status"});
        REQUIRE(result.errors.empty());
        const auto& layout = result.layout;
        CHECK(layout.column(Field::user) == 1);
        CHECK(layout.column(Field::score) == 2);
        CHECK(layout.column(Field::maximum) == 3);
        CHECK(layout.column(Field::submitted) == 4);
        CHECK(layout.column(Field::attempt) == 5);
        CHECK(layout.column(Field::comment) == 6);
        CHECK(layout.column(Field::status) == 7);
    }

    TEST_CASE("earlier default names win: user_id over id, score over grade") {
        auto result = map({"id", "grade", "user_id", "score"});
        REQUIRE(result.errors.empty());
        CHECK(result.layout.column(Field::user) == 3);
        CHECK(result.layout.column(Field::score) == 4);
    }

    TEST_CASE("unmapped columns may repeat or be blank") {
        auto result = map({"user_id", "1.0", "", "1.0", "", "score"});
        CHECK(result.errors.empty());
        CHECK(result.layout.column(Field::score) == 6);
    }

    TEST_CASE("a mapped column appearing twice is an error") {
        auto result = map({"user_id", "score", "Score"});
        REQUIRE(result.errors.size() == 1);
        CHECK(result.errors[0] ==
              "two columns hold the score: \"score\" (column 2) and \"Score\" (column 3)");
        CHECK_FALSE(result.layout.has(Field::score));
        std::vector<std::string_view> names = {"user_id", "score", "Score"};
        CHECK(missing_column_errors(result.layout, names, {}, "column").empty());
    }

    TEST_CASE("a score header with a maximum: Grade/10.00 and Note/10,00") {
        auto english = map({"Email address", "Grade/10.00", "Q. 1 /5.00"});
        CHECK(english.layout.column(Field::score) == 2);
        CHECK(*english.layout.score_maximum == 10.0);

        ReadOptions french;
        french.column_for[Field::score] = "Note";
        auto mapped = map({"Nom", "Note/10,00", "Q. 1 /5,00"}, french);
        CHECK(mapped.layout.column(Field::score) == 2);
        CHECK(*mapped.layout.score_maximum == 10.0);

        auto localized = map({"Nom", "Note/10,00", "Q. 1 /5,00"});
        CHECK(localized.layout.column(Field::score) == 2);
        CHECK(*localized.layout.score_maximum == 10.0);
        CHECK_FALSE(map({"user_id", "Note"}).layout.has(Field::score));

        auto zero = map({"user_id", "Grade/0.00"});
        REQUIRE(zero.errors.size() == 1);
        CHECK(zero.errors[0] == "column \"Grade/0.00\" gives a maximum that is not greater than 0");
    }

    TEST_CASE("--map overrides the defaults of its field") {
        ReadOptions options;
        options.column_for[Field::user] = "Email address";
        options.column_for[Field::score] = "Quiz 1 (123)";
        auto result = map({"Student", "ID", "Email address", "Quiz 1 (123)", "score"}, options);
        REQUIRE(result.errors.empty());
        CHECK(result.layout.column(Field::user) == 3);
        CHECK(result.layout.column(Field::score) == 4);
    }

    TEST_CASE("--map matches normalised names and Canvas columns without their id") {
        ReadOptions options;
        options.column_for[Field::score] = "quiz 1";
        auto result = map({"ID", "Quiz 1 (123)", "Quiz 2 (124)"}, options);
        REQUIRE(result.errors.empty());
        CHECK(result.layout.column(Field::score) == 2);

        options.column_for[Field::score] = "Quiz 1";
        auto twice = map({"ID", "Quiz 1 (123)", "Quiz 1 (456)"}, options);
        REQUIRE(twice.errors.size() == 1);
        CHECK(twice.errors[0] == "two columns hold the score: \"Quiz 1 (123)\" (column 2) and "
                                 "\"Quiz 1 (456)\" (column 3)");
    }

    TEST_CASE("missing user and score columns name the columns found and the fix") {
        ReadOptions options;
        std::vector<std::string_view> names = {"Surname", "First name", "Email address"};
        auto result = map(names, options);
        auto errors = missing_column_errors(result.layout, names, options, "column");
        REQUIRE(errors.size() == 2);
        CHECK(errors[0] ==
              "no user column (found: \"Surname\", \"First name\", \"Email address\"); "
              "name it with --map user=COLUMN");
        CHECK(errors[1] == "no score column (found: \"Surname\", \"First name\", \"Email "
                           "address\"); name it with --map score=COLUMN");
    }

    TEST_CASE("a status column makes the score column optional") {
        ReadOptions options;
        std::vector<std::string_view> names = {"user_id", "status"};
        auto result = map(names, options);
        CHECK(missing_column_errors(result.layout, names, options, "column").empty());
    }

    TEST_CASE("a --map column that is not there is an error") {
        ReadOptions options;
        options.column_for[Field::score] = "Quiz 9";
        std::vector<std::string_view> names = {"user_id", "score"};
        auto result = map(names, options);
        auto errors = missing_column_errors(result.layout, names, options, "column");
        REQUIRE(errors.size() == 1);
        CHECK(errors[0] == "no column \"Quiz 9\" for --map score (found: \"user_id\", \"score\")");
    }

    TEST_CASE("--match email finds Moodle's e-mail column in its languages") {
        ReadOptions options;
        options.user_is_email = true;
        for (std::string_view header :
             {"Email address", "Adresse de courriel", "E-Mail-Adresse", "Dirección de correo",
              "Indirizzo email", "Endereço de email", "E-mailadres", "email"}) {
            CAPTURE(header);
            auto result = map({"First name", "ID number", header, "Grade/10.00"}, options);
            REQUIRE(result.errors.empty());
            CHECK(result.layout.column(Field::user) == 3);
            CHECK(result.layout.column(Field::score) == 4);
        }
    }

    TEST_CASE("--match email prefers the e-mail column to an id column") {
        ReadOptions options;
        options.user_is_email = true;
        auto result = map({"user_id", "Email address", "score"}, options);
        REQUIRE(result.errors.empty());
        CHECK(result.layout.column(Field::user) == 2);
    }

    TEST_CASE("without --match email an e-mail column is not the user column") {
        auto result = map({"Email address", "user_id", "score"});
        CHECK(result.layout.column(Field::user) == 2);
        CHECK_FALSE(map({"Email address", "score"}).layout.has(Field::user));
    }

    TEST_CASE("--map user=COLUMN still wins over the e-mail names") {
        ReadOptions options;
        options.user_is_email = true;
        options.column_for[Field::user] = "Contact";
        auto result = map({"Email address", "Contact", "score"}, options);
        REQUIRE(result.errors.empty());
        CHECK(result.layout.column(Field::user) == 2);
    }
}
