#include "input/read_attempts.hpp"
#include "input/strict_json.hpp"
#include "support/diagnostics.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace gradepost;
using testing::messages;

namespace {

input::ReadResult read(std::string_view text, std::string_view file = "quiz.json") {
    return input::read_attempts(text, file, {});
}

} // namespace

TEST_SUITE("input::strict JSON") {

    TEST_CASE("a key twice in one object is refused where it repeats") {
        auto result = read("[\n  {\"userId\": \"u1\", \"scoreGiven\": 5},\n"
                           "  {\"userId\": \"u2\", \"scoreGiven\": 9,\n   \"scoreGiven\": 2}\n]\n");
        CHECK(result.attempts.empty());
        CHECK(messages(result) ==
              std::vector<std::string>{"quiz.json:4:4: key \"scoreGiven\" appears twice in one "
                                       "object; only one can be meant"});
    }

    TEST_CASE("the same key in different objects, or nested, is fine") {
        auto result = read("[{\"userId\": \"u1\", \"scoreGiven\": 5, \"extra\": {\"userId\": 1}},"
                           "{\"userId\": \"u2\", \"scoreGiven\": 6}]");
        CHECK(result.errors.empty());
        CHECK(result.attempts.size() == 2);
    }

    TEST_CASE("a repeated key inside a nested object is refused too") {
        CHECK_THROWS_AS(input::parse_strict_json("{\"a\": {\"b\": 1, \"b\": 2}}"),
                        input::StrictJsonError);
    }

    TEST_CASE("keys written with and without escapes are the same key") {
        try {
            input::parse_strict_json("{\"ab\": 1, \"a\\u0062\": 2}");
            FAIL("accepted");
        } catch (const input::StrictJsonError& error) {
            CHECK(error.offset() == 10);
        }
    }

    TEST_CASE("a document reads as nlohmann's own parser reads it, keys in the file's order") {
        const char* texts[] = {
            R"({"z": 1, "a": [true, false, null, {"y": "x", "b": []}], "m": {}, "n": -2.5e3})",
            R"([1, 18446744073709551615, -9223372036854775808, 0.5, "s\u00e9", [[[]]], {}])",
            R"("just a string")",
            R"({"users": [{"userId": "u1", "scoreGiven": 5, "comment": {"text": "ok"}}]})"};
        for (const char* text : texts) {
            CAPTURE(text);
            auto ours = input::parse_strict_json(text);
            auto theirs = input::Json::parse(text);
            CHECK(ours == theirs);
            CHECK(ours.dump() == theirs.dump());
        }
        // Many keys: the order of the file, and each its own value.
        std::string text = "{";
        for (int i = 99'999; i >= 0; --i)
            text += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + (i > 0 ? "," : "}");
        auto many = input::parse_strict_json(text);
        REQUIRE(many.size() == 100'000);
        CHECK(many.begin().key() == "k99999");
        CHECK(many["k123"] == 123);
        // (Not compared with Json::parse here: that takes its n²/2 comparisons.)
        int expected = 99'999;
        int out_of_order = 0;
        for (const auto& [key, value] : many.items()) {
            out_of_order += key != "k" + std::to_string(expected) || value != expected;
            --expected;
        }
        CHECK(out_of_order == 0);
    }

    TEST_CASE("an object with thousands of keys is checked in linear time and still refused") {
        std::string text = "{";
        for (int i = 0; i < 100000; ++i)
            text += "\"k" + std::to_string(i) + "\": 1,";
        text += "\"k99999\": 2}";
        CHECK_THROWS_AS(input::parse_strict_json(text), input::StrictJsonError);
    }

    TEST_CASE("NDJSON: a line with a repeated key is refused, the others read") {
        auto result = read("{\"userId\": \"u1\", \"scoreGiven\": 5}\n"
                           "{\"userId\": \"u2\", \"userId\": \"u3\", \"scoreGiven\": 5}\n",
                           "quiz.ndjson");
        CHECK(result.attempts.size() == 1);
        CHECK(messages(result) ==
              std::vector<std::string>{"quiz.ndjson:2:18: key \"userId\" appears twice in one "
                                       "object; only one can be meant"});
    }

    TEST_CASE("a number that underflows is refused, not read as 0") {
        auto result = read("[\n{\"userId\": \"u1\", \"scoreGiven\": 1e-400}\n]\n");
        CHECK(result.attempts.empty());
        REQUIRE(result.errors.size() == 1);
        CHECK(messages(result)[0].starts_with("quiz.json:2:32: number \"1e-400\" is too small"));
        CHECK_THROWS_AS(input::parse_strict_json("[-2.5e-320]"), input::StrictJsonError);
    }

    TEST_CASE("zero written any way, and small normal numbers, are fine") {
        auto value = input::parse_strict_json("[0, 0.0, -0, 0e-400, 0.000e5, 1e-300, 2.5e-10]");
        CHECK(value.size() == 7);
        CHECK(value[5].get<double>() == doctest::Approx(1e-300));
    }

    TEST_CASE("a number that overflows stays refused") {
        auto result = read("[{\"userId\": \"u1\", \"scoreGiven\": 1e400}]");
        REQUIRE(result.errors.size() == 1);
        CHECK(messages(result)[0].find("too large") != std::string::npos);
    }
}
