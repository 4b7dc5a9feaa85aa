#include "sandbox/timestamps.hpp"

#include <date/date.h>

#include <sstream>
#include <string>

namespace gradepost::sandbox {

std::optional<util::Instant> parse_timestamp(std::string_view text) {
    std::string normalized(text);
    // date::parse reads at most the clock's precision of fraction digits; drop the rest.
    auto dot = normalized.find('.');
    if (dot != std::string::npos) {
        auto end = normalized.find_first_not_of("0123456789", dot + 1);
        if (end == std::string::npos)
            return std::nullopt;
        if (end - dot - 1 > 6)
            normalized.erase(dot + 7, end - dot - 7);
    }
    if (normalized.size() < 20 || normalized[10] != 'T')
        return std::nullopt;

    bool is_utc = normalized.back() == 'Z' || normalized.back() == 'z';
    if (is_utc)
        normalized.pop_back();
    // "+01:00" and "+0100" need different formats; the one that reads everything wins.
    for (const char* format : {"%FT%T", "%FT%T%Ez", "%FT%T%z"}) {
        if (is_utc != (std::string_view(format) == "%FT%T"))
            continue;
        util::Instant instant;
        std::istringstream stream(normalized);
        stream >> date::parse(format, instant);
        if (!stream.fail() && stream.peek() == std::char_traits<char>::eof())
            return instant;
    }
    return std::nullopt;
}

} // namespace gradepost::sandbox
