#include "report/error_json.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using gradepost::report::error_json;

TEST_CASE("an error's document takes file, line and column from the message's first line") {
    auto document = nlohmann::json::parse(
        error_json(2, "input", "week3.csv:12:3: score \"abc\" is not a number\nweek3.csv:14: x"));
    CHECK(document["error"]["code"] == 2);
    CHECK(document["error"]["kind"] == "input");
    CHECK(document["error"]["file"] == "week3.csv");
    CHECK(document["error"]["line"] == 12);
    CHECK(document["error"]["column"] == 3);
    CHECK(document["error"]["message"].get<std::string>().find("\nweek3.csv:14: x") !=
          std::string::npos);
}

TEST_CASE("without a column, or without a place, those keys are left out") {
    auto line_only = nlohmann::json::parse(error_json(2, "input", "roster.csv:4: empty user id"));
    CHECK(line_only["error"]["line"] == 4);
    CHECK_FALSE(line_only["error"].contains("column"));

    auto no_place = nlohmann::json::parse(
        error_json(3, "config", "no credentials: give --client-id and --token-url"));
    CHECK_FALSE(no_place["error"].contains("file"));
    CHECK_FALSE(no_place["error"].contains("line"));
    // "https://host:443/x: refused" names no file: a URL's port is not a line number.
    auto url =
        nlohmann::json::parse(error_json(5, "unreachable", "https://lms.example:443/a: down"));
    CHECK_FALSE(url["error"].contains("file"));
}

TEST_CASE("control characters and invalid UTF-8 in a message keep the document valid") {
    auto document = nlohmann::json::parse(error_json(2, "usage", "bad \x01 byte \xff here"));
    CHECK(document["error"]["kind"] == "usage");
}
