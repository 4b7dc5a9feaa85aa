#include "input/dates.hpp"

#include "input/text.hpp"

#include <date/date.h>

#include <array>
#include <charconv>
#include <locale>
#include <sstream>
#include <string>
#include <utility>

namespace gradepost::input {

namespace {

using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::minutes;
using std::chrono::seconds;

bool read_digits(std::string_view text, std::size_t position, std::size_t count, unsigned& out) {
    if (position + count > text.size())
        return false;
    const char* first = text.data() + position;
    auto [end, error] = std::from_chars(first, first + count, out);
    return error == std::errc() && end == first + count;
}

// "Z", "UTC", "+01:00", "-0500", "+01"; nullopt for anything else.
std::optional<minutes> parse_offset(std::string_view zone) {
    if (!zone.empty() && zone.front() == ' ')
        zone.remove_prefix(1);
    if (zone.empty() || zone == "Z" || zone == "z" || zone == "UTC")
        return minutes{0};
    if (zone.front() != '+' && zone.front() != '-')
        return std::nullopt;
    unsigned offset_hours = 0;
    unsigned offset_minutes = 0;
    if (!read_digits(zone, 1, 2, offset_hours) || offset_hours > 23)
        return std::nullopt;
    std::size_t position = 3;
    if (position < zone.size() && zone[position] == ':')
        ++position;
    if (position < zone.size()) {
        if (!read_digits(zone, position, 2, offset_minutes) || offset_minutes > 59 ||
            position + 2 != zone.size())
            return std::nullopt;
    }
    minutes offset = hours{offset_hours} + minutes{offset_minutes};
    return zone.front() == '-' ? -offset : offset;
}

// The fast path. Nearly every export writes ISO 8601 or Canvas's "YYYY-MM-DD HH:MM:SS UTC",
// and date::parse goes through an istream per call, which alone would take most of the
// one-second budget for a million rows; so the fixed-position fields of that shape are read
// with from_chars and only other shapes go to date::parse.
std::optional<model::Timestamp> parse_iso_shape(std::string_view text) {
    unsigned year = 0;
    unsigned month = 0;
    unsigned day = 0;
    if (text.size() < 10 || text[4] != '-' || text[7] != '-' || !read_digits(text, 0, 4, year) ||
        !read_digits(text, 5, 2, month) || !read_digits(text, 8, 2, day))
        return std::nullopt;
    date::year_month_day ymd{date::year{static_cast<int>(year)}, date::month{month},
                             date::day{day}};
    if (!ymd.ok())
        return std::nullopt;
    model::Timestamp time{date::sys_days{ymd}};
    if (text.size() == 10)
        return time;

    unsigned hour = 0;
    unsigned minute = 0;
    unsigned second = 0;
    char separator = text[10];
    if ((separator != 'T' && separator != 't' && separator != ' ') ||
        !read_digits(text, 11, 2, hour) || text.size() < 16 || text[13] != ':' ||
        !read_digits(text, 14, 2, minute) || hour > 23 || minute > 59)
        return std::nullopt;
    std::size_t position = 16;
    if (position < text.size() && text[position] == ':') {
        if (!read_digits(text, position + 1, 2, second) || second > 59)
            return std::nullopt;
        position += 3;
    }
    microseconds fraction{0};
    if (position < text.size() && (text[position] == '.' || text[position] == ',')) {
        ++position;
        std::size_t digits = 0;
        std::int64_t scale = 100000;
        while (position < text.size() && text[position] >= '0' && text[position] <= '9') {
            if (scale > 0) {
                fraction += microseconds{(text[position] - '0') * scale};
                scale /= 10;
            }
            ++position;
            ++digits;
        }
        if (digits == 0)
            return std::nullopt;
    }
    auto offset = parse_offset(text.substr(position));
    if (!offset)
        return std::nullopt;
    return time + hours{hour} + minutes{minute} + seconds{second} + fraction - *offset;
}

// Moodle writes month names in the course's language; date::parse knows the C locale's.
std::string english_month_names(std::string_view text) {
    static const std::pair<std::string_view, std::string_view> k_french[] = {
        {"janvier", "January"},   {"février", "February"},    {"fevrier", "February"},
        {"mars", "March"},        {"avril", "April"},         {"mai", "May"},
        {"juin", "June"},         {"juillet", "July"},        {"août", "August"},
        {"aout", "August"},       {"septembre", "September"}, {"octobre", "October"},
        {"novembre", "November"}, {"décembre", "December"},   {"decembre", "December"},
    };
    std::string result(text);
    std::string lowered;
    for (char c : result)
        lowered += to_lower_ascii(c);
    for (const auto& [french, english] : k_french) {
        auto found = lowered.find(french);
        if (found == std::string::npos)
            continue;
        result.replace(found, french.size(), english);
        break;
    }
    return result;
}

// libstdc++'s time_get cannot read %p, so "2:03 PM" is read as 2:03 and the 12 hours added
// here.
enum class Meridiem { none, am, pm };

Meridiem strip_meridiem(std::string& text) {
    if (text.size() < 2)
        return Meridiem::none;
    std::string_view tail = std::string_view(text).substr(text.size() - 2);
    Meridiem meridiem = equals_ignoring_case(tail, "AM")   ? Meridiem::am
                        : equals_ignoring_case(tail, "PM") ? Meridiem::pm
                                                           : Meridiem::none;
    if (meridiem != Meridiem::none)
        text.resize(text.size() - 2);
    return meridiem;
}

// date::parse reads %S into a long double it leaves unset when no digit follows the ':', and
// rounds it anyway: undefined behaviour (a NaN cast to an integer). In a time every ':' is
// followed by a digit, so text that breaks this is refused before date::parse sees it.
bool has_digit_after_each_colon(std::string_view text) {
    for (auto colon = text.find(':'); colon != std::string_view::npos;
         colon = text.find(':', colon + 1))
        if (colon + 1 == text.size() || text[colon + 1] < '0' || text[colon + 1] > '9')
            return false;
    return true;
}

std::optional<model::Timestamp> parse_with_formats(std::string_view text) {
    if (!has_digit_after_each_colon(text))
        return std::nullopt;
    static constexpr std::array k_formats = {
        "%d %B %Y %H:%M",    "%d %B %Y, %H:%M",   "%A, %d %B %Y, %H:%M",
        "%A %d %B %Y %H:%M", "%d %B %Y %H:%M:%S", "%d %B %Y, %H:%M:%S",
        "%d %B %Y",
    };
    std::string input = english_month_names(text);
    Meridiem meridiem = strip_meridiem(input);
    std::istringstream stream;
    stream.imbue(std::locale::classic());
    for (const char* format : k_formats) {
        stream.clear();
        stream.str(input);
        date::sys_seconds parsed;
        stream >> date::parse(format, parsed);
        if (stream.fail())
            continue;
        stream >> std::ws;
        if (!stream.eof())
            continue;
        if (meridiem == Meridiem::none)
            return parsed;
        auto hour = date::floor<hours>(parsed - date::floor<date::days>(parsed)).count();
        if (hour < 1 || hour > 12)
            return std::nullopt;
        if (meridiem == Meridiem::pm && hour < 12)
            parsed += hours{12};
        if (meridiem == Meridiem::am && hour == 12)
            parsed -= hours{12};
        return parsed;
    }
    return std::nullopt;
}

} // namespace

std::optional<model::Timestamp> parse_timestamp(std::string_view text) {
    text = trim(text);
    if (auto fast = parse_iso_shape(text))
        return fast;
    return parse_with_formats(text);
}

} // namespace gradepost::input
