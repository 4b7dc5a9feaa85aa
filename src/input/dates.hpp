#pragma once

#include "model/time.hpp"

#include <optional>
#include <string_view>

namespace gradepost::input {

// Submission times as exports write them. Times without an offset are taken as UTC.
//   ISO 8601:  2026-11-22T14:03:00Z, 2026-11-22T15:03:00+01:00, 2026-11-22T14:03:00.25Z,
//              2026-11-22 14:03, 2026-11-22 14:03:11 UTC (Canvas), 2026-11-22 (midnight)
//   Moodle:    22 November 2026  2:03 PM, 22 November 2026, 2:03 PM,
//              Sunday, 22 November 2026, 2:03 PM, 22 novembre 2026, 14:03 (French months)
// Empty optional when the text is none of these or names an impossible date (2026-02-30).
std::optional<model::Timestamp> parse_timestamp(std::string_view text);

} // namespace gradepost::input
