#pragma once

#include "util/clock.hpp"

#include <string>

namespace gradepost::util {

// ISO 8601 UTC with microseconds, as AGS timestamps are sent: 2026-11-22T14:03:00.123456Z.
std::string format_iso8601(Instant instant);

} // namespace gradepost::util
