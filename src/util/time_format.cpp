#include "util/time_format.hpp"

#include <date/date.h>

namespace gradepost::util {

std::string format_iso8601(Instant instant) {
    return date::format("%FT%TZ", instant);
}

} // namespace gradepost::util
