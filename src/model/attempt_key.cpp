#include "model/attempt_key.hpp"

#include "util/text.hpp"

#include <cstdint>
#include <cstdio>

namespace gradepost::model {

std::optional<std::string> attempt_key(const Attempt& attempt) {
    return attempt_key(AttemptKeyParts{attempt.user_id, attempt.attempt_id, attempt.submitted_at,
                                       attempt.attempt_number});
}

std::optional<std::string> attempt_key(const AttemptKeyParts& parts) {
    if (!parts.attempt_id.empty())
        return "id:" + std::string(parts.attempt_id);
    if (!parts.submitted_at && !parts.attempt_number)
        return std::nullopt;
    std::string canonical(parts.user_id);
    canonical += '\x1f';
    canonical +=
        parts.submitted_at ? std::to_string(parts.submitted_at->time_since_epoch().count()) : "-";
    canonical += '\x1f';
    canonical += parts.attempt_number ? std::to_string(*parts.attempt_number) : "-";
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx",
                  static_cast<unsigned long long>(util::fnv1a(canonical)));
    return std::string("at:") + hex;
}

} // namespace gradepost::model
