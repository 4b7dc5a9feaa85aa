#pragma once

#include "model/attempt.hpp"
#include "model/kept_score.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gradepost::policy {

enum class Keep { highest, latest, first, average };

std::optional<Keep> parse_keep(std::string_view name);
std::string_view to_string(Keep keep);

struct KeepOptions {
    Keep keep = Keep::highest;
    bool complete = false;     // --complete: full marks for every submitted attempt
    bool post_pending = false; // --post-pending: ungraded-only students become KeptKind::pending
    std::string comment;       // --comment: overrides the attempts' comments when not empty
};

// One kept score per student, in order of the student's first row. Pure.
std::vector<model::KeptScore> keep_scores(std::span<const model::Attempt> attempts,
                                          const KeepOptions& options);

} // namespace gradepost::policy
