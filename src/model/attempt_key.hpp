#pragma once

#include "model/attempt.hpp"

#include <optional>
#include <string>

namespace gradepost::model {

// A stable identity for an attempt, so that a re-exported file selects the same way and a
// regraded attempt stays the same attempt: "id:<attempt column>" when the export has one,
// else "at:<16 hex digits>", an FNV-1a fingerprint of user, submitted time and attempt
// number, when it has either; else none (such an export cannot tell attempts apart, and
// `--select new` then means students never posted). Stored in the ledger: never change the
// recipe without a way to read the old keys (policy/select.cpp reads the "fp:" keys of
// earlier releases, which also covered the score).
std::optional<std::string> attempt_key(const Attempt& attempt);

} // namespace gradepost::model
