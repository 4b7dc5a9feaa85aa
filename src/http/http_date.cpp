#include "http/http_date.hpp"

#include <date/date.h>

#include <sstream>

namespace gradepost::http {

namespace {

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
