#include "sandbox/http_date.hpp"

#include <date/date.h>

namespace gradepost::sandbox {

std::string http_date(util::Instant instant) {
    return date::format("%a, %d %b %Y %T GMT", std::chrono::floor<std::chrono::seconds>(instant));
}

} // namespace gradepost::sandbox
