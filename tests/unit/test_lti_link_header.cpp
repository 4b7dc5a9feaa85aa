#include "lti/link_header.hpp"

#include <doctest/doctest.h>

using namespace gradepost;
using namespace gradepost::lti;

TEST_SUITE("lti::link_header") {

    TEST_CASE("a standard header with several links") {
        auto links = parse_link_header(
            R"(<https://lms/li?page=2>; rel="next", <https://lms/li?page=1>; rel="first", )"
            R"(<https://lms/li?page=9>; rel="last")");
        REQUIRE(links.size() == 3);
        CHECK(links[0].url == "https://lms/li?page=2");
        CHECK(links[0].relations == std::vector<std::string>{"next"});
        CHECK(links[1].relations == std::vector<std::string>{"first"});
        CHECK(links[2].url == "https://lms/li?page=9");
    }

    TEST_CASE("unquoted, multi-valued and upper-case rel values") {
        auto links = parse_link_header(R"(<a>; rel=next, <b>; title="x, y"; rel="prev FIRST")");
        REQUIRE(links.size() == 2);
        CHECK(links[0].relations == std::vector<std::string>{"next"});
        CHECK(links[1].url == "b");
        CHECK(links[1].relations == std::vector<std::string>{"prev", "first"});
    }

    TEST_CASE("Moodle: typographic quotes, a literal Link: prefix and &amp; in the URL") {
        auto links = parse_link_header(
            "Link: <https://m/mod/lti/services.php/2/lineitems?type_id=1&amp;limit=2&amp;from=2>; "
            "rel=\xE2\x80\x9Cnext\xE2\x80\x9D");
        REQUIRE(links.size() == 1);
        CHECK(links[0].url ==
              "https://m/mod/lti/services.php/2/lineitems?type_id=1&limit=2&from=2");
        CHECK(links[0].relations == std::vector<std::string>{"next"});
    }

    TEST_CASE("garbage yields no links") {
        CHECK(parse_link_header("").empty());
        CHECK(parse_link_header("rel=next").empty());
        CHECK(parse_link_header("<https://unterminated; rel=next").empty());
    }

    TEST_CASE("the next link is found among several Link headers and resolved") {
        http::Headers headers{{"Content-Type", "application/json"},
                              {"Link", R"(</api/li?page=1>; rel="first")"},
                              {"link", R"(</api/li?page=3>; rel="next")"}};
        CHECK(find_next_link(headers, "https://lms.example/api/li?page=2") ==
              "https://lms.example/api/li?page=3");
        CHECK_FALSE(find_next_link({{"Link", R"(<x>; rel="last")"}}, "https://lms/").has_value());
        CHECK_FALSE(find_next_link({}, "https://lms/").has_value());
    }

} // TEST_SUITE
