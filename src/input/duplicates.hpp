#pragma once

#include "input/read_attempts.hpp"

#include <vector>

namespace gradepost::input {

// Overlapping exports repeat attempts. Two rows are the same attempt when they have the same
// user and the same non-empty attempt id, or (without an attempt id) the same user, submitted
// time and attempt number, at least one of those two being known. Identical copies (same
// score, maximum and status) are merged, keeping the first; copies that differ are errors
// naming both rows, and every copy of that attempt is dropped, since which one is right is
// unknown. Rows with nothing to identify the attempt are left alone.
void merge_duplicate_attempts(model::AttemptTable& attempts, std::vector<RowDiagnostic>& errors);

} // namespace gradepost::input
