#pragma once

#include "model/attempt.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gradepost::model {

// A stable identity for an attempt, so that a re-exported file selects the same way:
// "id:<attempt column>" when the export has one, else "fp:<16 hex digits>", an FNV-1a
// fingerprint of user, submitted time, attempt number, score and maximum. Stored in the
// ledger: never change the recipe without a migration.
std::string attempt_key(const Attempt& attempt);

// The same from an attempt's parts (rows of a model::AttemptTable).
struct AttemptKeyParts {
    std::string_view user_id;
    std::string_view attempt_id;
    std::optional<Timestamp> submitted_at;
    std::optional<std::int64_t> attempt_number;
    std::optional<double> score;
    std::optional<double> maximum;
};
std::string attempt_key(const AttemptKeyParts& parts);

} // namespace gradepost::model
