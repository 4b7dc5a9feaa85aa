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

    util::Instant instant;
    std::istringstream stream(normalized);
    if (normalized.back() == 'Z' || normalized.back() == 'z') {
        normalized.pop_back();
        stream.str(normalized);
        stream >> date::parse("%FT%T", instant);
    } else {
        stream >> date::parse("%FT%T%Ez", instant);
        if (stream.fail()) {
            stream.clear();
            stream.str(normalized);
            stream >> date::parse("%FT%T%z", instant);
        }
    }
    if (stream.fail() || stream.peek() != std::char_traits<char>::eof())
        return std::nullopt;
    return instant;
}

} // namespace gradepost::sandbox
