// Link headers of paginated AGS and NRPS responses. The input is "REQUEST-URL\nLINK-VALUE"
// (without a line break, all of it is the Link value), so resolving the next page against
// the request URL is fuzzed too.
#include "check.hpp"
#include "lti/link_header.hpp"

#include <cstddef>
#include <cstdint>

using namespace gradepost;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text = fuzz::as_text(data, size);
    std::string_view request_url = "https://lms.example.edu/api/lti/courses/7/line_items?page=1";
    if (auto newline = text.find('\n'); newline != std::string_view::npos) {
        request_url = text.substr(0, newline);
        text.remove_prefix(newline + 1);
    }

    for (const auto& link : lti::parse_link_header(text)) {
        fuzz::check(!link.url.empty(), "a link has a URL");
        for (const auto& relation : link.relations)
            fuzz::check(!relation.empty() && relation.find(' ') == std::string::npos,
                        "a relation is one non-empty word");
    }

    http::Headers headers = {{"Link", std::string(text)}, {"link", std::string(text)}};
    (void)lti::find_next_link(headers, request_url);
    return 0;
}
