// Inputs that made the link_header fuzz target (tests/fuzz/) fail, kept in
// tests/fuzz/regressions/link_header/ and replayed the way the target reads them:
// "REQUEST-URL\nLINK-VALUE".
#include "lti/link_header.hpp"
#include "lti/url.hpp"
#include "support/regression_files.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace gradepost;

TEST_SUITE("lti::fuzz_regressions") {

    TEST_CASE("link_header inputs resolve their next link without throwing") {
        auto files = testing::regression_files("link_header");
        REQUIRE(!files.empty());
        for (const auto& file : files) {
            INFO(file.filename().string());
            std::string text = testing::regression_bytes(file);
            std::string request_url = "https://lms.example.edu/api/lti/courses/7/line_items";
            if (auto newline = text.find('\n'); newline != std::string::npos) {
                request_url = text.substr(0, newline);
                text.erase(0, newline + 1);
            }
            http::Headers headers = {{"Link", text}};
            CHECK_NOTHROW(lti::find_next_link(headers, request_url));
        }
    }

    TEST_CASE("a '://' in the query of a base URL without authority is no origin") {
        // It was taken for the origin, longer than the path it was cut from: std::out_of_range.
        CHECK_NOTHROW(
            lti::resolve_url("https:lms.example.edu?from=https://lms.example.edu/api", "page2"));
        CHECK(lti::resolve_url("https://lms.example.edu/api/items?from=https://x/y", "page2") ==
              "https://lms.example.edu/api/page2");
    }
}
