// Retry-After values of 429 and 503 responses: delay-seconds or an HTTP date (parse_http_date,
// which also reads the Date header for the clock-skew check).
#include "check.hpp"
#include "http/retry_after.hpp"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>

using namespace gradepost;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text = fuzz::as_text(data, size);
    // A fixed "now" keeps every run reproducible.
    constexpr util::Instant k_now{std::chrono::seconds{1795356780}}; // 2026-11-22T14:13:00Z
    auto delay = http::parse_retry_after(text, k_now);
    if (delay)
        fuzz::check(delay->count() >= 0, "a delay is never negative");

    // Plain digits (after the blanks a header may carry) are always a delay.
    auto first = text.find_first_not_of(" \t");
    auto last = text.find_last_not_of(" \t\r\n");
    if (first != std::string_view::npos && last != std::string_view::npos && last >= first) {
        auto value = text.substr(first, last - first + 1);
        if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
            fuzz::check(delay.has_value(), "digits are a delay");
    }
    return 0;
}
