#pragma once

#include "model/attempt.hpp"
#include "model/attempt_table.hpp"
#include "model/roster.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gradepost::batch {

// --match: which roster field the export's `user` column holds.
enum class MatchField { user_id, email, sourcedid, name };

std::optional<MatchField> parse_match_field(std::string_view name);

struct Unmatched {
    std::string value; // as in the export
    model::SourceLocation where;
};

struct MatchResult {
    model::AttemptTable attempts;     // user ids replaced by the roster's LTI user ids
    std::vector<Unmatched> unmatched; // one per distinct value, never guessed
};

// Looks every student's user value up in the roster, case-insensitively for emails,
// sourcedids and names (trimmed), exactly for LTI user ids. A value matching two members
// (sourcedids differing only by case included) is unmatched too, never guessed. Values that
// name the same member become one student: the rows of the value seen first, then those of
// the next (the order the keep rules break last ties by). Reads the table student by student
// into a new one that spills as it does, so memory stays bounded by students. Pure but for
// that file.
MatchResult match_students(const model::AttemptTable& attempts, const model::Roster& roster,
                           MatchField field);

} // namespace gradepost::batch
