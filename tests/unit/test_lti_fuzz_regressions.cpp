// Inputs that made the link_header fuzz target (tests/fuzz/) fail, kept in
// tests/fuzz/regressions/link_header/ and replayed the way the target reads them:
// "REQUEST-URL\nLINK-VALUE".
#include "lti/link_header.hpp"
#include "lti/url.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

using namespace gradepost;

namespace {

std::string file_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_SUITE("lti::fuzz_regressions") {

    TEST_CASE("link_header inputs resolve their next link without throwing") {
        std::vector<std::filesystem::path> files;
        for (const auto& entry :
             std::filesystem::directory_iterator(std::filesystem::path(GRADEPOST_SOURCE_DIR) /
                                                 "tests" / "fuzz" / "regressions" / "link_header"))
            files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        REQUIRE(!files.empty());
        for (const auto& file : files) {
            INFO(file.filename().string());
            std::string text = file_text(file);
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
