#pragma once

#include "model/attempt.hpp"
#include "model/attempt_table.hpp"
#include "model/kept_score.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// The score to keep: one score per student from that student's attempts.
//
// - Only graded attempts (Attempt::is_graded()) count. Attempts with different maxima compare
//   and average as fractions score/maximum.
// - Order ("latest", "first", ties): by submitted time, then attempt number, then row order.
//   A missing value is unknown, not early or late, so a key is used only when every attempt
//   being ordered has it: a student with one undated attempt is ordered by attempt number,
//   and without those by row order (see order_attempts()).
// - highest: the greatest fraction; equal fractions keep the earliest attempt.
// - latest / first: the last / first attempt in that order.
// - average: the mean of the fractions times the maximum of the latest graded attempt,
//   rounded to 10 decimal places to drop float noise; time and comment of the latest attempt.
// - given, maximum, submitted_at and comment are the kept attempt's; a non-empty --comment
//   replaces the comment of every score that is posted (graded and pending kinds).
// - attempt_keys: the sorted, distinct model::attempt_key() of every graded attempt of the student;
//   attempt_count: every row of the student.
// - A student with a graded attempt is graded even if another attempt is excused. Without
//   one: excused when some attempt is excused, else pending with --post-pending, else
//   not_graded.
// - --complete: every student with a submitted (not excused) attempt, graded or not, gets
//   full marks: given = maximum = the maximum of the latest such attempt that has one, or
//   1 of 1 when none has (what LMSs show for complete/incomplete items).
// - A graded attempt without a maximum cannot be posted (AGS needs scoreMaximum with
//   scoreGiven): keep_scores throws util::UsageError listing every such row.

namespace gradepost::policy {

enum class Keep { highest, latest, first, average };

// "highest", "latest", "first" or "average"; nullopt for anything else.
std::optional<Keep> parse_keep(std::string_view name);
std::string_view to_string(Keep keep);

struct KeepOptions {
    Keep keep = Keep::highest;
    bool complete = false;     // --complete: full marks for every submitted attempt
    bool post_pending = false; // --post-pending: ungraded-only students become KeptKind::pending
    std::string comment;       // --comment: overrides the attempts' comments when not empty
};

// One kept score per student, in order of the student's first row, by the rules above. Pure;
// throws util::UsageError when a graded attempt has no maximum (outside --complete).
std::vector<model::KeptScore> keep_scores(const model::AttemptTable& attempts,
                                          const KeepOptions& options);
std::vector<model::KeptScore> keep_scores(std::span<const model::Attempt> attempts,
                                          const KeepOptions& options);

} // namespace gradepost::policy
