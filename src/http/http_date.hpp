#pragma once

#include "util/clock.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace gradepost::http {

// An HTTP date in IMF-fixdate form (RFC 9110 §5.6.7), "Sun, 06 Nov 1994 08:49:37 GMT", as in
// Date and Retry-After headers. Nothing for any other text (the obsolete forms included).
std::optional<util::Instant> parse_http_date(std::string_view text);

std::string format_http_date(util::Instant instant);

} // namespace gradepost::http
