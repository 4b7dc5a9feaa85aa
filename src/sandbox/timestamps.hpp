#pragma once

#include "util/clock.hpp"

#include <optional>
#include <string_view>

namespace gradepost::sandbox {

// Parses an ISO 8601 date-time as AGS sends it: "2026-11-22T14:03:00Z",
// "2026-11-22T14:03:00.123456Z", "2026-11-22T15:03:00+01:00" or "+0100". Fractions beyond
// microseconds are truncated. Empty when the text is not such a date-time.
std::optional<util::Instant> parse_timestamp(std::string_view text);

} // namespace gradepost::sandbox
