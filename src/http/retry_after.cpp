#include "http/retry_after.hpp"

#include <date/date.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <sstream>
#include <string>

namespace gradepost::http {

namespace {

std::string_view trim(std::string_view text) {
    auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return {};
    auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

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

// IMF-fixdate has a fixed shape: "Sun, 06 Nov 1994 08:49:37 GMT".
bool has_imf_fixdate_shape(std::string_view text) {
    constexpr std::string_view k_shape = "Www, DD Mmm YYYY dd:dd:dd GMT";
    if (text.size() != k_shape.size() || !text.ends_with(" GMT"))
        return false;
    for (std::size_t i = 17; i < 25; ++i) {
        bool is_digit = text[i] >= '0' && text[i] <= '9';
        if (k_shape[i] == ':' ? text[i] != ':' : !is_digit)
            return false;
    }
    return true;
}

std::optional<std::chrono::seconds> parse_http_date(std::string_view text, util::Instant now) {
    // date::parse computes with an uninitialised value when the time field is malformed, so
    // only well-shaped text reaches it; it checks names, ranges and the rest.
    if (!has_imf_fixdate_shape(text))
        return std::nullopt;
    std::istringstream in{std::string(text)};
    date::sys_seconds when;
    in >> date::parse("%a, %d %b %Y %T GMT", when);
    if (in.fail())
        return std::nullopt;
    auto delay = std::chrono::ceil<std::chrono::seconds>(when - now);
    return std::max(delay, std::chrono::seconds{0});
}

} // namespace

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, util::Instant now) {
    value = trim(value);
    if (value.empty())
        return std::nullopt;
    if (value.front() >= '0' && value.front() <= '9')
        return parse_delay_seconds(value);
    return parse_http_date(value, now);
}

} // namespace gradepost::http
