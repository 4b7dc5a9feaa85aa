#include "input/read_attempts.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace gradepost::input;

namespace {

ReadOptions with_url_column(std::string column) {
    ReadOptions options;
    options.column_for[Field::url] = std::move(column);
    return options;
}

} // namespace

TEST_SUITE("input::attempt url") {

    TEST_CASE("a mapped link column gives each attempt its url") {
        auto result = read_attempts("user_id,score,max,review\n"
                                    "u1,8,10,https://quiz.example/review/1\n"
                                    "u2,9,10,\n",
                                    "week.csv", with_url_column("review"));
        REQUIRE(result.errors.empty());
        REQUIRE(result.attempts.size() == 2);
        CHECK(result.attempts[0].url == "https://quiz.example/review/1");
        CHECK(result.attempts[1].url.empty());
    }

    TEST_CASE("a column named url is not read unless mapped") {
        auto result = read_attempts("user_id,score,max,url\nu1,8,10,https://x.example/1\n",
                                    "week.csv", ReadOptions{});
        REQUIRE(result.errors.empty());
        CHECK(result.attempts.at(0).url.empty());
    }

    TEST_CASE("a link that is not http(s) is an error at its row and column") {
        auto result = read_attempts("user_id,score,max,review\nu1,8,10,javascript:alert(1)\n",
                                    "week.csv", with_url_column("review"));
        REQUIRE(result.errors.size() == 1);
        CHECK(format_diagnostic(result.errors[0]) ==
              "week.csv:2:4: url \"javascript:alert(1)\" is not an http(s) URL");
    }

    TEST_CASE("a mapped link column that is missing is named") {
        auto result =
            read_attempts("user_id,score,max\nu1,8,10\n", "week.csv", with_url_column("review"));
        REQUIRE_FALSE(result.errors.empty());
        CHECK(format_diagnostic(result.errors[0]).find("review") != std::string::npos);
    }

    TEST_CASE("JSON attempts carry the mapped link too") {
        auto result = read_attempts(
            R"([{"user_id":"u1","score":8,"max":10,"review":"https://quiz.example/r/9"}])",
            "week.json", with_url_column("review"));
        REQUIRE(result.errors.empty());
        CHECK(result.attempts.at(0).url == "https://quiz.example/r/9");
    }
}
