#include "sandbox/timestamps.hpp"

#include <date/date.h>

#include <charconv>

namespace gradepost::sandbox {

namespace {

// The digits at [at, at + length) as a number; empty unless they are all digits.
std::optional<int> digits(std::string_view text, std::size_t at, std::size_t length) {
    if (at + length > text.size())
        return std::nullopt;
    int value = 0;
    auto field = text.substr(at, length);
    auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (error != std::errc() || end != field.data() + field.size() || field[0] == '-' ||
        field[0] == '+')
        return std::nullopt;
    return value;
}

// "Z", "+01:00" or "+0100" from `at` to the end; the offset east of UTC.
std::optional<std::chrono::minutes> zone_offset(std::string_view text, std::size_t at) {
    std::string_view zone = text.substr(at);
    if (zone == "Z" || zone == "z")
        return std::chrono::minutes(0);
    if (zone.size() != 6 && zone.size() != 5)
        return std::nullopt;
    if (zone[0] != '+' && zone[0] != '-')
        return std::nullopt;
    bool has_colon = zone.size() == 6;
    if (has_colon && zone[3] != ':')
        return std::nullopt;
    auto hours = digits(zone, 1, 2);
    auto minutes = digits(zone, has_colon ? 4 : 3, 2);
    if (!hours || !minutes || *hours > 23 || *minutes > 59)
        return std::nullopt;
    std::chrono::minutes offset(*hours * 60 + *minutes);
    return zone[0] == '-' ? -offset : offset;
}

} // namespace

// Read field by field rather than with date::parse, whose fractional-second path draws a
// -Wmaybe-uninitialized warning from GCC 12; date still does the calendar arithmetic.
std::optional<util::Instant> parse_timestamp(std::string_view text) {
    if (text.size() < 20 || text[4] != '-' || text[7] != '-' ||
        (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':')
        return std::nullopt;
    auto year = digits(text, 0, 4);
    auto month = digits(text, 5, 2);
    auto day = digits(text, 8, 2);
    auto hour = digits(text, 11, 2);
    auto minute = digits(text, 14, 2);
    auto second = digits(text, 17, 2);
    if (!year || !month || !day || !hour || !minute || !second || *hour > 23 || *minute > 59 ||
        *second > 59)
        return std::nullopt;
    date::year_month_day calendar{date::year(*year), date::month(static_cast<unsigned>(*month)),
                                  date::day(static_cast<unsigned>(*day))};
    if (!calendar.ok())
        return std::nullopt;

    std::size_t at = 19;
    long microseconds = 0;
    if (text[at] == '.') {
        std::size_t first = ++at;
        for (; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at) {
            if (at - first < 6)
                microseconds = microseconds * 10 + (text[at] - '0');
        }
        if (at == first)
            return std::nullopt;
        for (std::size_t scale = at - first; scale < 6; ++scale)
            microseconds *= 10; // ".5" is 500000 µs; digits beyond the sixth are dropped
    }
    auto offset = zone_offset(text, at);
    if (!offset)
        return std::nullopt;
    return util::Instant(date::sys_days(calendar)) + std::chrono::hours(*hour) +
           std::chrono::minutes(*minute) + std::chrono::seconds(*second) +
           std::chrono::microseconds(microseconds) - *offset;
}

} // namespace gradepost::sandbox
