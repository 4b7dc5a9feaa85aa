#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gradepost::input {

// Cell values of an export (DESIGN.md, "Input"). Numbers: "85", "85.5", "+3", "1e2"; with a
// decimal comma "9,5" too (a value holding both "," and "." is refused as ambiguous).
// Scores: a number, "85%" (maximum 100), "17/20" (maximum 20), empty or "-" for no score,
// "EX" for excused (Canvas gradebook).

// The result of parsing one cell: `value` when there is one (empty cells have none), or an
// `error` naming the bad value ("score \"9,5\" is not a number (use --decimal-comma?)").
template <typename T> struct Parsed {
    std::optional<T> value;
    std::string error;

    bool ok() const { return error.empty(); }
};

// A number, finite or not (callers decide what infinity means). `what` names the value in
// the error: "score", "maximum".
Parsed<double> parse_number(std::string_view text, std::string_view what, bool decimal_comma);

struct ScoreCell {
    std::optional<double> score;   // empty for "", "-" and "EX"
    std::optional<double> maximum; // 100 for "85%", 20 for "17/20"
    bool is_excused = false;       // "EX"
};

// A score cell; `value` is always set unless there is an error. Non-finite numbers are errors.
Parsed<ScoreCell> parse_score(std::string_view text, bool decimal_comma);

// A maximum cell: empty and "-" give no value; 0, negative and non-finite ones are errors.
Parsed<double> parse_maximum(std::string_view text, bool decimal_comma);

// An integer written in full ("3", not "3.0"); attempt numbers.
std::optional<std::int64_t> parse_integer(std::string_view text);

// The states an export's status cell can hold, mapped to what gradepost does with the row.
enum class RowStatus {
    graded,        // graded, FullyGraded, Finished (Moodle)
    pending,       // pending, needs_grading, PendingManual, Submitted, In progress, Overdue
    excused,       // excused, EX
    not_submitted, // Never submitted, Abandoned (Moodle): not a submission, the row is skipped
};

// Case-insensitive, ignoring spaces, underscores and hyphens; Moodle's English and French
// states are known too. Empty optional for anything else.
std::optional<RowStatus> parse_status(std::string_view text);

} // namespace gradepost::input
