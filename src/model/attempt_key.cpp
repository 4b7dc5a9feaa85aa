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
    return attempt_key({attempt.user_id, attempt.attempt_id, attempt.submitted_at,
                        attempt.attempt_number, attempt.score, attempt.maximum});
}

std::string attempt_key(const AttemptKeyParts& parts) {
    if (!parts.attempt_id.empty())
        return "id:" + std::string(parts.attempt_id);
    std::string canonical(parts.user_id);
    canonical += '\x1f';
    canonical +=
        parts.submitted_at ? std::to_string(parts.submitted_at->time_since_epoch().count()) : "-";
    canonical += '\x1f';
    canonical += parts.attempt_number ? std::to_string(*parts.attempt_number) : "-";
    canonical += '\x1f';
    canonical += optional_number(parts.score);
    canonical += '\x1f';
    canonical += optional_number(parts.maximum);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx",
                  static_cast<unsigned long long>(util::fnv1a(canonical)));
    return std::string("fp:") + hex;
}

} // namespace gradepost::model
