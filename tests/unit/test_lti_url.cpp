#include "lti/url.hpp"

#include <doctest/doctest.h>

using namespace gradepost::lti;

TEST_SUITE("lti::url") {

    TEST_CASE("a path segment goes before Moodle's query string") {
        CHECK(append_path("https://m/x/lineitems/3/lineitem?type_id=2", "scores") ==
              "https://m/x/lineitems/3/lineitem/scores?type_id=2");
        CHECK(append_path("https://m/x/lineitems/3/lineitem?type_id=2", "/results") ==
              "https://m/x/lineitems/3/lineitem/results?type_id=2");
    }

    TEST_CASE("a path segment is joined with exactly one slash") {
        CHECK(append_path("https://lms/api/lti/courses/7/line_items/3", "scores") ==
              "https://lms/api/lti/courses/7/line_items/3/scores");
        CHECK(append_path("https://lms/api/lti/courses/7/line_items/3/", "scores") ==
              "https://lms/api/lti/courses/7/line_items/3/scores");
        CHECK(append_path("https://lms/li/3#frag", "scores") == "https://lms/li/3/scores#frag");
    }

    TEST_CASE("query parameters are added with ? or &, encoded") {
        CHECK(add_query("https://lms/li/3/results", "user_id", "u 1") ==
              "https://lms/li/3/results?user_id=u%201");
        CHECK(add_query("https://m/li/3/lineitem/results?type_id=2", "user_id", "17") ==
              "https://m/li/3/lineitem/results?type_id=2&user_id=17");
        CHECK(add_query("https://lms/li?", "tag", "a&b") == "https://lms/li?tag=a%26b");
        CHECK(add_query("https://lms/li?x=1#top", "limit", "5") ==
              "https://lms/li?x=1&limit=5#top");
    }

    TEST_CASE("percent-encoding keeps only the unreserved characters") {
        CHECK(percent_encode("AZaz09-._~") == "AZaz09-._~");
        CHECK(percent_encode("a b/c:d?e=f&g") == "a%20b%2Fc%3Ad%3Fe%3Df%26g");
        CHECK(percent_encode("é") == "%C3%A9");
    }

    TEST_CASE("a form body joins the encoded fields in order") {
        CHECK(
            form_encode({{"grant_type", "client_credentials"},
                         {"scope", "https://purl.imsglobal.org/spec/lti-ags/scope/score x"}}) ==
            "grant_type=client_credentials&scope=https%3A%2F%2Fpurl.imsglobal.org%2Fspec%2Flti-ags%"
            "2Fscope%2Fscore%20x");
        CHECK(form_encode({}).empty());
    }

    TEST_CASE("relative Link URLs resolve against the request URL") {
        std::string base = "https://lms.example/api/lti/courses/7/line_items?page=1";
        CHECK(resolve_url(base, "https://other.example/x?page=2") ==
              "https://other.example/x?page=2");
        CHECK(resolve_url(base, "//cdn.example/x") == "https://cdn.example/x");
        CHECK(resolve_url(base, "/api/lti/courses/7/line_items?page=2") ==
              "https://lms.example/api/lti/courses/7/line_items?page=2");
        CHECK(resolve_url(base, "?page=2") ==
              "https://lms.example/api/lti/courses/7/line_items?page=2");
        CHECK(resolve_url(base, "line_items?page=3") ==
              "https://lms.example/api/lti/courses/7/line_items?page=3");
        CHECK(resolve_url(base, "../8/line_items?page=3") ==
              "https://lms.example/api/lti/courses/8/line_items?page=3");
        CHECK(resolve_url("https://lms.example:8443/a/b", "./c") == "https://lms.example:8443/a/c");
        CHECK(resolve_url("https://lms.example", "x") == "https://lms.example/x");
    }

} // TEST_SUITE
