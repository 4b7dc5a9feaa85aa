#pragma once

#include "input/column_mapping.hpp"
#include "input/read_attempts.hpp"

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace gradepost::input {

// One row of an export as text per field, before any checking; CSV and JSON readers both
// fill one, so every value rule lives in one place.
struct RawRow {
    std::array<std::optional<std::string_view>, k_field_count> values; // none: no such column
    std::array<std::size_t, k_field_count> columns{}; // 1-based column of each field; 0 in JSON
    std::size_t line = 0;
};

// What holds for every row of one file.
struct RowContext {
    std::string file_name;
    const ReadOptions* options = nullptr;
    bool decimal_comma = false;
    std::optional<double> header_maximum; // "Grade/10.00" or Canvas's "Points Possible" row
    // Where a field's value is in formats whose rows have no columns (JSON): its line and
    // column. Asked only for a row with an error; unset, a row's line and its field's column.
    std::function<std::pair<std::size_t, std::size_t>(const RawRow&, Field)> locate;
};

enum class RowOutcome {
    kept,    // an attempt was appended
    skipped, // not a submission (Moodle's "Never submitted"): no attempt, no error
    invalid, // every problem of the row was appended to the errors
};

// Checks one row and appends its attempt to result.attempts, or its diagnostics to
// result.errors. The maximum comes from the score cell ("17/20", "85%"), else the max
// column, else the header, else --max.
RowOutcome build_attempt(const RawRow& row, const RowContext& context, ReadResult& result);

} // namespace gradepost::input
