#include "model/attempt_key.hpp"

#include "util/text.hpp"

#include <cstdint>
#include <cstdio>

namespace gradepost::model {

std::optional<std::string> attempt_key(const Attempt& attempt) {
    if (!attempt.attempt_id.empty())
        return "id:" + attempt.attempt_id;
    if (!attempt.submitted_at && !attempt.attempt_number)
        return std::nullopt;
    std::string canonical = attempt.user_id;
    canonical += '\x1f';
    canonical += attempt.submitted_at
                     ? std::to_string(attempt.submitted_at->time_since_epoch().count())
                     : "-";
    canonical += '\x1f';
    canonical += attempt.attempt_number ? std::to_string(*attempt.attempt_number) : "-";
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx",
                  static_cast<unsigned long long>(util::fnv1a(canonical)));
    return std::string("at:") + hex;
}

} // namespace gradepost::model
