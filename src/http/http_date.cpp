#include "http/http_date.hpp"

#include <date/date.h>

#include <cctype>
#include <sstream>

namespace gradepost::http {

namespace {

// IMF-fixdate has a fixed shape: "Sun, 06 Nov 1994 08:49:37 GMT". Every position is checked,
// separators too: in "Oct-2026" date::parse takes the '-' for a sign, then reads the time from
// the wrong place.
bool has_imf_fixdate_shape(std::string_view text) {
    constexpr std::string_view k_shape = "aaa, 00 aaa 0000 00:00:00 GMT"; // a letter, 0 digit
    if (text.size() != k_shape.size())
        return false;
    for (std::size_t i = 0; i < k_shape.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        bool matches = k_shape[i] == 'a'   ? std::isalpha(c) != 0
                       : k_shape[i] == '0' ? std::isdigit(c) != 0
                                           : text[i] == k_shape[i];
        if (!matches)
            return false;
    }
    return true;
}

} // namespace

std::optional<util::Instant> parse_http_date(std::string_view text) {
    // date::parse computes with an uninitialised value when the time field is malformed, so
    // only well-shaped text reaches it; it checks names, ranges and the rest.
    if (!has_imf_fixdate_shape(text))
        return std::nullopt;
    std::istringstream in{std::string(text)};
    date::sys_seconds when;
    in >> date::parse("%a, %d %b %Y %T GMT", when);
    if (in.fail())
        return std::nullopt;
    return when;
}

std::string format_http_date(util::Instant instant) {
    return date::format("%a, %d %b %Y %T GMT", std::chrono::floor<std::chrono::seconds>(instant));
}

} // namespace gradepost::http
