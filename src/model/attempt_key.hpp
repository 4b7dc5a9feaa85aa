#pragma once

#include "model/attempt.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gradepost::model {

// A stable identity for an attempt, so that a re-exported file selects the same way and a
// regraded attempt stays the same attempt: "id:<attempt column>" when the export has one,
// else "at:<16 hex digits>", an FNV-1a fingerprint of user, submitted time and attempt
// number, when it has either; else none (such an export cannot tell attempts apart, and
// `--select new` then means students never posted). Stored in the ledger: never change the
// recipe without a way to read the old keys (policy/select.cpp reads the "fp:" keys of
// earlier releases, which also covered the score).
std::optional<std::string> attempt_key(const Attempt& attempt);

// The same from an attempt's parts (rows of a model::AttemptTable).
struct AttemptKeyParts {
    std::string_view user_id;
    std::string_view attempt_id;
    std::optional<Timestamp> submitted_at;
    std::optional<std::int64_t> attempt_number;
};
std::optional<std::string> attempt_key(const AttemptKeyParts& parts);

} // namespace gradepost::model
