#pragma once

#include "model/attempt.hpp"

#include <string>

namespace gradepost::model {

// A stable identity for an attempt, so that a re-exported file selects the same way:
// "id:<attempt column>" when the export has one, else "fp:<16 hex digits>", an FNV-1a
// fingerprint of user, submitted time, attempt number, score and maximum. Stored in the
// ledger: never change the recipe without a migration.
std::string attempt_key(const Attempt& attempt);

} // namespace gradepost::model
