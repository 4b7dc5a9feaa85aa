#pragma once

#include "model/attempt.hpp"
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
    std::vector<model::Attempt> attempts; // user_id replaced by the roster's LTI user id
    std::vector<Unmatched> unmatched;     // one per distinct value, never guessed
};

// Looks every attempt's user value up in the roster, case-insensitively for emails,
// sourcedids and names (trimmed), exactly for LTI user ids. A value matching two members
// (sourcedids differing only by case included) is unmatched too, never guessed. Pure.
MatchResult match_students(std::vector<model::Attempt> attempts, const model::Roster& roster,
                           MatchField field);

} // namespace gradepost::batch
