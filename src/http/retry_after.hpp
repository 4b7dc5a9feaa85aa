#pragma once

#include "util/clock.hpp"

#include <chrono>
#include <optional>
#include <string_view>

namespace gradepost::http {

// The longest wait a Retry-After header can impose; a larger value waits this long.
inline constexpr std::chrono::seconds k_retry_after_cap{120};

// Parses a Retry-After value (RFC 9110 §10.2.3): delay-seconds ("120") or an HTTP date
// ("Wed, 21 Oct 2026 07:28:00 GMT", measured from `now`; a past date is 0 s). Returns
// nothing for garbage, negative or fractional numbers. The result is not capped.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, util::Instant now);

} // namespace gradepost::http
