#include "config/config_file.hpp"
#include "config/duplicate_keys.hpp"
#include "support/error_message.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

using namespace gradepost;

TEST_SUITE("config::duplicate_keys") {
    TEST_CASE("a key repeated in one object is found at its second occurrence") {
        std::string_view text = R"({"a": 1, "b": {"x": "a", "y": 2}, "a": 3})";
        auto duplicate = config::find_duplicate_key(text);
        REQUIRE(duplicate);
        CHECK(duplicate->key == "a");
        CHECK(duplicate->offset == text.rfind("\"a\""));
    }

    TEST_CASE("the same key in different objects, or as a value, is no duplicate") {
        CHECK_FALSE(config::find_duplicate_key(
            R"({"p": {"token_url": "u"}, "q": {"token_url": "u"}, "k": ["token_url", "k"]})"));
        CHECK_FALSE(config::find_duplicate_key(R"([{"a": 1}, {"a": 2}])"));
        CHECK_FALSE(config::find_duplicate_key(R"({"a\"": 1, "a": "\\"})"));
    }

    TEST_CASE("a config file with a repeated key is an error naming file, line and column") {
        std::string text = "{\n  \"profiles\": {\"p\": {\n    \"token_url\": \"https://a\",\n"
                           "    \"token_url\": \"https://b\"}}\n}\n";
        auto message = testing::error_message_of<util::ConfigError>(
            [&] { config::parse_config_file(text, "config.json"); });
        CHECK(message == "config.json:4:5: key \"token_url\" appears twice in the same object; "
                         "keep one");
    }
}
