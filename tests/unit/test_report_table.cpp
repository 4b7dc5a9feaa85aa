#include "report/render.hpp"
#include "report/text.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace gradepost::report;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream stream(text);
    for (std::string line; std::getline(stream, line);)
        lines.push_back(line);
    return lines;
}

} // namespace

TEST_SUITE("report::table") {

    TEST_CASE("columns align by display width with UTF-8 names") {
        std::string table =
            render_table({"name", "id"}, {{"Zoë", "a"}, {"李雷", "b"}, {"Bob", "c"}}, Style{});
        CHECK(table == "name  id\n"
                       "----  --\n"
                       "Zoë   a\n"
                       "李雷  b\n"
                       "Bob   c\n");
    }

    TEST_CASE("numbers are right-aligned, text left-aligned") {
        std::string table =
            render_table({"student", "score", "note"},
                         {{"u1", "9", "n/a"}, {"u22", "100", "7"}, {"u3", "18 / 20", ""}}, Style{});
        CHECK(table == "student    score  note\n"
                       "-------  -------  ----\n"
                       "u1             9  n/a\n"
                       "u22          100     7\n"
                       "u3       18 / 20\n");
    }

    TEST_CASE("no line ends in spaces") {
        std::string table = render_table({"a", "b"}, {{"long value", ""}, {"x", ""}}, Style{});
        for (const auto& line : lines_of(table))
            CHECK(line.back() != ' ');
    }

    TEST_CASE("short rows are padded with empty cells") {
        std::string table = render_table({"a", "b"}, {{"1"}, {"2", "x", "extra"}}, Style{});
        CHECK(table == "a  b\n"
                       "-  -  -----\n"
                       "1\n"
                       "2  x  extra\n");
    }

    TEST_CASE("an empty table is its header") {
        CHECK(render_table({"user", "score"}, {}, Style{}) == "user  score\n"
                                                              "----  -----\n");
    }

    TEST_CASE("colour makes the header bold and keeps the alignment") {
        std::string table = render_table({"a", "b"}, {{"\x1b[32mok\x1b[0m", "1"}}, Style{true});
        auto lines = lines_of(table);
        REQUIRE(lines.size() == 3);
        CHECK(lines[0] == "\x1b[1ma\x1b[0m   \x1b[1mb\x1b[0m");
        CHECK(lines[2] == "\x1b[32mok\x1b[0m  1");
    }

    TEST_CASE("without colour, escape sequences in cells are dropped or neutralised") {
        std::string table =
            render_table({"a"}, {{"\x1b[31mred\x1b[0m"}, {"\x1b]0;title\x07x"}}, Style{});
        CHECK(table.find('\x1b') == std::string::npos);
        CHECK(table.find('\x07') == std::string::npos);
        CHECK(table.find("red") != std::string::npos);
    }

    TEST_CASE("line breaks inside a cell do not break the row") {
        auto lines = lines_of(render_table({"a", "b"}, {{"two\nlines", "x"}}, Style{}));
        REQUIRE(lines.size() == 3);
        CHECK(lines[2] == "two lines  x");
    }
}

TEST_SUITE("report::text") {

    TEST_CASE("display width counts code points, wide characters twice") {
        CHECK(display_width("") == 0);
        CHECK(display_width("abc") == 3);
        CHECK(display_width("Zoë") == 3);
        CHECK(display_width("Zoe\xCC\x88") == 3); // e + combining diaeresis
        CHECK(display_width("李雷") == 4);
        CHECK(display_width("ｱ") == 1);  // halfwidth katakana
        CHECK(display_width("Ａ") == 2); // fullwidth A
        CHECK(display_width("\x1b[1;32mok\x1b[0m") == 2);
        CHECK(display_width("a\xff") == 2);
    }

    TEST_CASE("numeric cells are numbers, percentages and score fractions") {
        CHECK(is_numeric_cell("18"));
        CHECK(is_numeric_cell("-3"));
        CHECK(is_numeric_cell("0.5"));
        CHECK(is_numeric_cell("85%"));
        CHECK(is_numeric_cell("18 / 20"));
        CHECK(is_numeric_cell("18.5 / 20"));
        CHECK_FALSE(is_numeric_cell(""));
        CHECK_FALSE(is_numeric_cell("u17"));
        CHECK_FALSE(is_numeric_cell("17u"));
        CHECK_FALSE(is_numeric_cell("nan"));
        CHECK_FALSE(is_numeric_cell("1.2.3"));
        CHECK_FALSE(is_numeric_cell("18 / "));
        CHECK_FALSE(is_numeric_cell("-"));
    }

    TEST_CASE("sanitising replaces control characters and bad bytes") {
        CHECK(sanitize_cell("a\tb\r\nc", false) == "a b  c");
        CHECK(sanitize_cell("a\x01z", false) == "a\xEF\xBF\xBDz");
        CHECK(sanitize_cell("a\xffz", false) == "a\xEF\xBF\xBDz");
        CHECK(sanitize_cell("\x1b[2mdim\x1b[0m", true) == "\x1b[2mdim\x1b[0m");
        CHECK(sanitize_cell("\x1b[2mdim\x1b[0m", false) == "dim");
        CHECK(sanitize_cell("李雷 Zoë", false) == "李雷 Zoë");
    }
}
