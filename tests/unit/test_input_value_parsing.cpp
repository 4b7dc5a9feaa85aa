#include "input/utf8.hpp"
#include "input/value_parsing.hpp"

#include <doctest/doctest.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>

using namespace gradepost::input;

TEST_SUITE("input::value_parsing") {

    TEST_CASE("numbers with a point, a sign, an exponent and surrounding spaces") {
        CHECK(*parse_number("85", "score", false).value == 85.0);
        CHECK(*parse_number("85.5", "score", false).value == 85.5);
        CHECK(*parse_number(" +3 ", "score", false).value == 3.0);
        CHECK(*parse_number("-2.5", "score", false).value == -2.5);
        CHECK(*parse_number("1e2", "score", false).value == 100.0);
    }

    TEST_CASE("a decimal comma needs the option, and the refusal suggests it") {
        auto refused = parse_number("9,5", "score", false);
        CHECK_FALSE(refused.value);
        CHECK(refused.error == "score \"9,5\" is not a number (use --decimal-comma?)");
        CHECK(*parse_number("9,5", "score", true).value == 9.5);
        CHECK(*parse_number("9.5", "score", true).value == 9.5);
        CHECK(parse_number("1.234,5", "score", true).error == "score \"1.234,5\" is not a number");
    }

    TEST_CASE("text that is not a number names the value") {
        CHECK(parse_number("abc", "maximum", false).error == "maximum \"abc\" is not a number");
        CHECK(parse_number("12abc", "score", false).error == "score \"12abc\" is not a number");
        CHECK(parse_number("", "score", false).error == "score \"\" is not a number");
    }

    TEST_CASE("score cells: plain, percent, fraction") {
        auto plain = parse_score("17.5", false);
        REQUIRE(plain.ok());
        CHECK(*plain.value->score == 17.5);
        CHECK_FALSE(plain.value->maximum);

        auto percent = parse_score("85%", false);
        CHECK(*percent.value->score == 85.0);
        CHECK(*percent.value->maximum == 100.0);

        auto fraction = parse_score("17/20", false);
        CHECK(*fraction.value->score == 17.0);
        CHECK(*fraction.value->maximum == 20.0);

        auto comma_fraction = parse_score("8,5 / 10", true);
        CHECK(*comma_fraction.value->score == 8.5);
        CHECK(*comma_fraction.value->maximum == 10.0);
    }

    TEST_CASE("empty, dash and EX score cells") {
        for (const char* text : {"", "-", "  "}) {
            auto cell = parse_score(text, false);
            REQUIRE(cell.ok());
            CHECK_FALSE(cell.value->score);
            CHECK_FALSE(cell.value->is_excused);
        }
        auto excused = parse_score("EX", false);
        CHECK(excused.value->is_excused);
        CHECK_FALSE(excused.value->score);
        CHECK(parse_score("ex", false).value->is_excused);
    }

    TEST_CASE("bad score cells are errors naming the value") {
        CHECK(parse_score("nan", false).error == "score \"nan\" is not a finite number");
        CHECK(parse_score("inf", false).error == "score \"inf\" is not a finite number");
        CHECK(parse_score("infinity%", false).error ==
              "score \"infinity%\" is not a finite number");
        CHECK(parse_score("abc%", false).error == "score \"abc%\" is not a number");
        CHECK(parse_score("17/x", false).error == "score \"17/x\" is not a number");
        CHECK(parse_score("9,5", false).error ==
              "score \"9,5\" is not a number (use --decimal-comma?)");
    }

    TEST_CASE("maximum cells must be positive and finite") {
        CHECK_FALSE(parse_maximum("", false).value);
        CHECK(parse_maximum("", false).ok());
        CHECK(*parse_maximum("20", false).value == 20.0);
        CHECK(parse_maximum("0", false).error == "maximum \"0\" must be greater than 0");
        CHECK(parse_maximum("-5", false).error == "maximum \"-5\" must be greater than 0");
        CHECK(parse_maximum("inf", false).error == "maximum \"inf\" is not a finite number");
    }

    TEST_CASE("integers are whole numbers only") {
        CHECK(*parse_integer("3") == 3);
        CHECK(*parse_integer(" 12 ") == 12);
        CHECK_FALSE(parse_integer("3.0"));
        CHECK_FALSE(parse_integer("retake-1"));
        CHECK_FALSE(parse_integer(""));
    }

    TEST_CASE("statuses: the four of DESIGN.md, Moodle's states, case and separators ignored") {
        CHECK(parse_status("graded") == RowStatus::graded);
        CHECK(parse_status("pending") == RowStatus::pending);
        CHECK(parse_status("needs_grading") == RowStatus::pending);
        CHECK(parse_status("Needs Grading") == RowStatus::pending);
        CHECK(parse_status("excused") == RowStatus::excused);
        CHECK(parse_status("Finished") == RowStatus::graded);
        CHECK(parse_status("In progress") == RowStatus::pending);
        CHECK(parse_status("Never submitted") == RowStatus::not_submitted);
        CHECK(parse_status("FullyGraded") == RowStatus::graded);
        CHECK(parse_status("PendingManual") == RowStatus::pending);
        CHECK(parse_status("Terminé") == RowStatus::graded);
        CHECK(parse_status("En cours") == RowStatus::pending);
        CHECK(parse_status("Jamais remis") == RowStatus::not_submitted);
        CHECK_FALSE(parse_status("done"));
    }

    TEST_CASE("UTF-8 validation") {
        CHECK(is_valid_utf8(""));
        CHECK(is_valid_utf8("plain ASCII text that is longer than eight bytes"));
        CHECK(is_valid_utf8("Prénom, Ærø, 日本, 😀"));
        CHECK_FALSE(is_valid_utf8("caf\xe9"));          // Latin-1
        CHECK_FALSE(is_valid_utf8("\xc0\xaf"));         // overlong '/'
        CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));     // surrogate
        CHECK_FALSE(is_valid_utf8("\xf4\x90\x80\x80")); // above U+10FFFF
        CHECK_FALSE(is_valid_utf8("abcdefgh\xe2\x82")); // cut short after the fast path
        CHECK_FALSE(is_valid_utf8("\x80 stray continuation"));
    }

    TEST_CASE("plain decimals give from_chars's value to the last bit") {
        std::mt19937_64 random(15);
        for (int round = 0; round < 50000; ++round) {
            std::string text = std::to_string(random() % 1000000000000000000ULL);
            text.resize(1 + random() % text.size());
            std::size_t point = random() % (text.size() + 2);
            if (point > 0 && point < text.size())
                text.insert(point, ".");
            CAPTURE(text);
            double expected = 0;
            auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), expected);
            REQUIRE(error == std::errc());
            REQUIRE(end == text.data() + text.size());
            auto parsed = parse_number(text, "score", false);
            REQUIRE(parsed.value);
            CHECK(std::bit_cast<std::uint64_t>(*parsed.value) ==
                  std::bit_cast<std::uint64_t>(expected));
        }
        CHECK(*parse_number("0.1", "score", false).value == 0.1);
        CHECK(*parse_number("123456789012345.6", "score", false).value == 123456789012345.6);
        CHECK(*parse_number("5.", "score", false).value == 5.0);
        CHECK(*parse_number(".5", "score", false).value == 0.5);
        CHECK_FALSE(parse_number("1.2.3", "score", false).value);
    }
}
