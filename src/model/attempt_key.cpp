#include "model/attempt_key.hpp"

#include "util/text.hpp"

#include <cstdint>
#include <cstdio>

namespace gradepost::model {

namespace {

std::string optional_number(const std::optional<double>& value) {
    if (!value)
        return "-";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", *value);
    return buffer;
}

} // namespace

std::string attempt_key(const Attempt& attempt) {
    if (!attempt.attempt_id.empty())
        return "id:" + attempt.attempt_id;
    std::string canonical = attempt.user_id;
    canonical += '\x1f';
    canonical += attempt.submitted_at
                     ? std::to_string(attempt.submitted_at->time_since_epoch().count())
                     : "-";
    canonical += '\x1f';
    canonical += attempt.attempt_number ? std::to_string(*attempt.attempt_number) : "-";
    canonical += '\x1f';
    canonical += optional_number(attempt.score);
    canonical += '\x1f';
    canonical += optional_number(attempt.maximum);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(util::fnv1a(canonical)));
    return std::string("fp:") + hex;
}

} // namespace gradepost::model
