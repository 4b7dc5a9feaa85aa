#include "model/attempt_key.hpp"

#include <cstdint>
#include <cstdio>

namespace gradepost::model {

namespace {

std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (unsigned char byte : text) {
        hash ^= byte;
        hash *= 1099511628211ULL;
    }
    return hash;
}

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
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a(canonical)));
    return std::string("fp:") + hex;
}

} // namespace gradepost::model
