#pragma once

#include "http/message.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gradepost::lti {

// RFC 8288 Link headers as AGS and NRPS platforms send them for pagination:
//   <https://lms/api/line_items?page=2>; rel="next", <https://lms/...?page=9>; rel="last"
// tolerating what real platforms write: several Link headers, relative URLs, unquoted and
// multi-valued rel (`rel=next`, `rel="next last"`), Moodle's typographic quotes (“next”),
// a literal `Link: ` repeated inside the value and `&amp;` in the URL.
struct Link {
    std::string url; // as written, with `&amp;` decoded; not yet resolved
    std::vector<std::string> relations;
};

// The links of one header value; what cannot be parsed is skipped.
std::vector<Link> parse_link_header(std::string_view value);

// The `rel="next"` link across all Link headers, resolved against the URL of the request.
std::optional<std::string> find_next_link(const http::Headers& headers,
                                          std::string_view request_url);

} // namespace gradepost::lti
