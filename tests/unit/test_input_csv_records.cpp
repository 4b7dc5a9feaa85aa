#include "input/csv_records.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

using namespace gradepost::input;

namespace {

struct Collected {
    std::vector<std::size_t> lines;
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> malformed;
};

Collected split(std::string_view text, char delimiter = ',') {
    Collected collected;
    read_csv_records(text, delimiter,
                     {[&](const CsvRecord& record) {
                          collected.lines.push_back(record.line);
                          collected.records.emplace_back(record.fields.begin(),
                                                         record.fields.end());
                      },
                      [&](std::size_t line, std::string message) {
                          collected.malformed.push_back(std::to_string(line) + ": " + message);
                      }});
    return collected;
}

using Rows = std::vector<std::vector<std::string>>;

// The text fed to one reader in pieces cut at `cuts` (ascending offsets).
Collected split_in_pieces(std::string_view text, const std::vector<std::size_t>& cuts,
                          char delimiter = ',', bool libcsv_only = false) {
    Collected collected;
    CsvRecordCallbacks callbacks{
        [&](const CsvRecord& record) {
            collected.lines.push_back(record.line);
            collected.records.emplace_back(record.fields.begin(), record.fields.end());
        },
        [&](std::size_t line, std::string message) {
            collected.malformed.push_back(std::to_string(line) + ": " + message);
        }};
    CsvRecordReader reader(delimiter, callbacks, libcsv_only);
    std::size_t begin = 0;
    for (std::size_t cut : cuts) {
        reader.feed(text.substr(begin, cut - begin));
        begin = cut;
    }
    reader.feed(text.substr(begin));
    reader.finish();
    return collected;
}

void check_same(const Collected& pieces, const Collected& whole) {
    CHECK(pieces.records == whole.records);
    CHECK(pieces.lines == whole.lines);
    CHECK(pieces.malformed == whole.malformed);
}

// Texts with every state a piece can end in: inside quotes, between a CR and its LF, in a
// malformed record being skipped, in unquoted spaces, at a record's end.
const std::vector<std::string>& tricky_texts() {
    static const std::vector<std::string> texts = {
        "h1,h2\r\n1,\"a\r\nb\"\r\n\r\n2,x\r\n",
        "h1,h2\r1,a\r\r2,b\r",
        "a,b\n1,\"x\"y\n2,ok\n3,a\"b\r\n4,fine\n5,\"q\"\"\"\n",
        "a,b\n1,\"x\"y,and more on the line\r\r\n2,  spaced  ,\n\n3,\" kept \"  \n",
        "a,b\n1,ok\n2,\"never\nclosed\r\n",
        "a,b\n1,bad\"quote to the end",
        "a,b\n1,\"x\"y\r\n",
        "  a  ,\"b\"\"\"\n\"\"\"\",\"\"\r\n\"\n\",\"\r\"\r\n",
    };
    return texts;
}

} // namespace

TEST_SUITE("input::csv_records") {

    TEST_CASE("quoted fields hold commas, doubled quotes and line breaks") {
        auto collected = split("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n");
        CHECK(collected.records == Rows{{"a", "b", "c"}, {"x, y", "say \"hi\"", "two\nlines"}});
        CHECK(collected.malformed.empty());
    }

    TEST_CASE("each record reports the physical line where it starts") {
        auto collected = split("h1,h2\n1,\"a\nb\nc\"\n2,x\n\n3,y");
        CHECK(collected.lines == std::vector<std::size_t>{1, 2, 5, 7});
        CHECK(collected.records.back() == std::vector<std::string>{"3", "y"});
    }

    TEST_CASE("CRLF line ends count once, inside quotes too") {
        auto collected = split("h1,h2\r\n1,\"a\r\nb\"\r\n\r\n2,x\r\n");
        CHECK(collected.lines == std::vector<std::size_t>{1, 2, 5});
        CHECK(collected.records[1][1] == "a\r\nb");
    }

    TEST_CASE("old Mac CR line ends") {
        auto collected = split("h1,h2\r1,a\r2,b\r");
        CHECK(collected.lines == std::vector<std::size_t>{1, 2, 3});
    }

    TEST_CASE("unquoted fields are trimmed; quoted ones keep their spaces") {
        auto collected = split("    Points Possible , \" x \"\n");
        CHECK(collected.records == Rows{{"Points Possible", " x "}});
    }

    TEST_CASE("tab and semicolon delimiters") {
        CHECK(split("a\tb\n1\t2\n", '\t').records == Rows{{"a", "b"}, {"1", "2"}});
        CHECK(split("a;b\n1;\"2;3\"\n", ';').records == Rows{{"a", "b"}, {"1", "2;3"}});
    }

    TEST_CASE("empty fields and a missing last line end") {
        CHECK(split("a,,c\n,,\n1,2,3").records ==
              Rows{{"a", "", "c"}, {"", "", ""}, {"1", "2", "3"}});
    }

    TEST_CASE("a stray quote drops its record only, and reading goes on") {
        auto collected = split("a,b\n1,\"x\"y\n2,ok\n3,a\"b\n4,fine\n");
        CHECK(collected.records == Rows{{"a", "b"}, {"2", "ok"}, {"4", "fine"}});
        CHECK(collected.lines == std::vector<std::size_t>{1, 3, 5});
        REQUIRE(collected.malformed.size() == 2);
        CHECK(collected.malformed[0].starts_with("2: malformed quotes"));
        CHECK(collected.malformed[1].starts_with("4: malformed quotes"));
    }

    TEST_CASE("a quote never closed is reported at its record") {
        auto collected = split("a,b\n1,ok\n2,\"never\nclosed\n");
        CHECK(collected.records.size() == 2);
        REQUIRE(collected.malformed.size() == 1);
        CHECK(collected.malformed[0] == "3: a quoted field is never closed (a '\"' is missing)");
    }

    TEST_CASE("text in pieces gives the same records, lines and errors at every split") {
        for (const auto& text : tricky_texts()) {
            CAPTURE(text);
            auto whole = split(text);
            for (std::size_t cut = 0; cut <= text.size(); ++cut) {
                CAPTURE(cut);
                check_same(split_in_pieces(text, {cut}), whole);
            }
            // A piece a byte long: every boundary at once.
            std::vector<std::size_t> every(text.size());
            for (std::size_t i = 0; i < text.size(); ++i)
                every[i] = i;
            check_same(split_in_pieces(text, every), whole);
        }
    }

    TEST_CASE("text in pieces: random splits of random CSV") {
        std::mt19937 random(15);
        const std::string alphabet = "ab ,\"\r\n;";
        for (int round = 0; round < 300; ++round) {
            std::string text;
            std::size_t length = random() % 60;
            for (std::size_t i = 0; i < length; ++i)
                text += alphabet[random() % alphabet.size()];
            CAPTURE(text);
            auto whole = split(text);
            std::vector<std::size_t> cuts;
            for (std::size_t i = 0; i <= text.size(); ++i)
                if (random() % 4 == 0)
                    cuts.push_back(i);
            check_same(split_in_pieces(text, cuts), whole);
            for (std::size_t cut = 0; cut <= text.size(); ++cut)
                check_same(split_in_pieces(text, {cut}), whole);
        }
    }

    TEST_CASE("plain lines read directly split as libcsv splits them") {
        std::mt19937 random(4180);
        const std::string alphabet = "ab  \t\t,,;;\"\r\n\n\n";
        for (char delimiter : {',', ';', '\t'}) {
            for (int round = 0; round < 2000; ++round) {
                std::string text;
                std::size_t length = random() % 50;
                for (std::size_t i = 0; i < length; ++i)
                    text += alphabet[random() % alphabet.size()];
                // Mostly plain lines, as exports are: quotes and CRs in one text in four.
                if (round % 4 != 0)
                    std::erase_if(text, [](char c) { return c == '"' || c == '\r'; });
                CAPTURE(text);
                CAPTURE(delimiter);
                auto by_libcsv = split_in_pieces(text, {}, delimiter, true);
                check_same(split_in_pieces(text, {}, delimiter), by_libcsv);
                check_same(split_in_pieces(text, {random() % (text.size() + 1)}, delimiter),
                           by_libcsv);
            }
        }
        auto plain = split_in_pieces("a, b ,\tc\t\r\n \t\n,\nx,\r\n", {}, ',');
        CHECK(plain.records == Rows{{"a", "b", "c"}, {"", ""}, {"x", ""}});
        CHECK(plain.lines == std::vector<std::size_t>{1, 3, 4});
    }
}
