#pragma once

#include "model/attempt.hpp"
#include "model/attempt_table.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace gradepost::policy {

// Sorts `rows` (indices into `attempts`, one student's rows in the order read) from first to
// latest: by submitted time when every one of them has a time, then by attempt number when
// every one has a number, then by row index. Keys missing from some rows are skipped rather
// than guessed, which keeps the order a strict weak ordering.
std::vector<std::size_t> order_attempts(std::span<const model::AttemptTable::Row> attempts,
                                        std::vector<std::size_t> rows);
std::vector<std::size_t> order_attempts(std::span<const model::Attempt> attempts,
                                        std::vector<std::size_t> rows);

} // namespace gradepost::policy
