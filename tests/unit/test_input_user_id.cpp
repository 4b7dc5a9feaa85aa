#include "input/read_attempts.hpp"
#include "input/read_roster.hpp"
#include "input/user_id.hpp"
#include "support/diagnostics.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace gradepost;
using testing::messages;

namespace {

std::string problem(std::string_view id) {
    auto found = input::user_id_problem(id);
    return found ? found->message : std::string();
}

} // namespace

TEST_SUITE("input::user_id") {

    TEST_CASE("ordinary ids pass, in any script") {
        CHECK_FALSE(input::user_id_problem("u1"));
        CHECK_FALSE(input::user_id_problem("535fa085f22b4655f48cd5a36a9215f64c062838"));
        CHECK_FALSE(input::user_id_problem("ada@example.edu"));
        CHECK_FALSE(input::user_id_problem("Zoë Ångström"));
        CHECK_FALSE(input::user_id_problem("学生-42"));
        CHECK_FALSE(input::user_id_problem(std::string(255, 'a')));
    }

    TEST_CASE("an id longer than 255 bytes is refused") {
        CHECK(problem(std::string(256, 'a')).find("is 256 bytes long; at most 255") !=
              std::string::npos);
        // 128 two-byte characters: 256 bytes.
        std::string accented;
        for (int i = 0; i < 128; ++i)
            accented += "é";
        CHECK(input::user_id_problem(accented));
    }

    TEST_CASE("each invisible or look-alike character is named by its code point") {
        struct Case {
            std::string text;
            std::string named;
        };
        std::vector<Case> cases = {
            {"\x01", "U+0001 control character"},
            {"\x7f", "U+007F control character"},
            {"\t", "U+0009 control character"},
            {"\xc2\x85", "U+0085 control character"},
            {"\xc2\xa0", "U+00A0 no-break space"},
            {"\xc2\xad", "U+00AD soft hyphen"},
            {"\xe2\x80\x87", "U+2007 figure space"},
            {"\xe2\x80\x8b", "U+200B zero-width space"},
            {"\xe2\x80\x8c", "U+200C zero-width non-joiner"},
            {"\xe2\x80\x8d", "U+200D zero-width joiner"},
            {"\xe2\x80\x8e", "U+200E left-to-right mark"},
            {"\xe2\x80\x8f", "U+200F right-to-left mark"},
            {"\xe2\x80\xaa", "U+202A bidirectional control"},
            {"\xe2\x80\xae", "U+202E bidirectional control"},
            {"\xe2\x80\xaf", "U+202F narrow no-break space"},
            {"\xe2\x81\xa0", "U+2060 word joiner"},
            {"\xe2\x81\xa6", "U+2066 bidirectional isolate"},
            {"\xe2\x81\xa9", "U+2069 bidirectional isolate"},
            {"\xef\xbb\xbf", "U+FEFF zero-width no-break space (byte order mark)"},
            {"\xf3\xa0\x80\x81", "U+E0001 language tag"},
        };
        for (const auto& item : cases) {
            CAPTURE(item.named);
            auto found = input::user_id_problem("ab" + item.text + "c");
            REQUIRE(found);
            CHECK(found->offset == 2);
            CHECK(found->message.find(item.named) != std::string::npos);
        }
    }

    TEST_CASE("the message shows the id with the character written out, never raw") {
        auto message = problem("u1\xe2\x80\xae"
                               "evil");
        CHECK(message.starts_with("user id \"u1<U+202E>evil\" holds U+202E"));
        CHECK(message.find("\xe2\x80\xae") == std::string::npos);
    }

    TEST_CASE("a CSV export names file, line and the user column") {
        auto result = input::read_attempts("name,user_id,score\nAda,u1,8\nBob,u\xe2\x80\x8b"
                                           "2,9\n",
                                           "quiz.csv", {});
        CHECK(result.attempts.size() == 1);
        REQUIRE(result.errors.size() == 1);
        CHECK(messages(result)[0].starts_with(
            "quiz.csv:3:2: user id \"u<U+200B>2\" holds U+200B zero-width space"));
    }

    TEST_CASE("a JSON export names file, line and column of the value") {
        std::string text = "[\n  {\"userId\": \"u1\", \"scoreGiven\": 5},\n"
                           "  {\"scoreGiven\": 6,\n   \"userId\": \"u\\u200b2\"}\n]\n";
        auto result = input::read_attempts(text, "quiz.json", {});
        CHECK(result.attempts.size() == 1);
        REQUIRE(result.errors.size() == 1);
        CHECK(messages(result)[0].starts_with("quiz.json:4:14: user id \"u<U+200B>2\" holds "
                                              "U+200B zero-width space"));
    }

    TEST_CASE("an NDJSON export names the line and column") {
        std::string text = "{\"userId\": \"u1\", \"scoreGiven\": 5}\n"
                           "{\"userId\": \"\\u00a0u2\", \"scoreGiven\": 6}\n";
        auto result = input::read_attempts(text, "quiz.ndjson", {});
        REQUIRE(result.errors.size() == 1);
        CHECK(messages(result)[0].starts_with("quiz.ndjson:2:12: user id"));
        CHECK(messages(result)[0].find("U+00A0 no-break space") != std::string::npos);
    }

    TEST_CASE("a roster names file, line and column") {
        std::string text = "name,user_id\nAda,u1\nBob,u2\xe2\x81\xa0\n";
        try {
            input::read_roster(text, "roster.csv");
            FAIL("the roster was accepted");
        } catch (const util::UsageError& error) {
            std::string message = error.what();
            CHECK(message.starts_with("roster.csv:3:2: user id \"u2<U+2060>\" holds U+2060 "
                                      "word joiner"));
        }
    }
}
