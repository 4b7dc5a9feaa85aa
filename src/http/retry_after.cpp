#include "http/retry_after.hpp"

#include "http/http_date.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <string>

namespace gradepost::http {

namespace {

std::optional<std::chrono::seconds> parse_delay_seconds(std::string_view text) {
    if (text.empty() || !std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    std::int64_t seconds = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (error == std::errc::result_out_of_range)
        return std::chrono::seconds{std::numeric_limits<std::int32_t>::max()}; // capped later
    if (error != std::errc{} || end != text.data() + text.size())
        return std::nullopt;
    return std::chrono::seconds{seconds};
}

} // namespace

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, util::Instant now) {
    value = util::trim(value);
    if (value.empty())
        return std::nullopt;
    if (value.front() >= '0' && value.front() <= '9')
        return parse_delay_seconds(value);
    auto when = parse_http_date(value);
    if (!when)
        return std::nullopt;
    return std::max(std::chrono::ceil<std::chrono::seconds>(*when - now), std::chrono::seconds{0});
}

} // namespace gradepost::http
