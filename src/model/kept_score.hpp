#pragma once

#include "model/attempt_keys.hpp"
#include "model/time.hpp"

#include <optional>
#include <string>
#include <vector>

namespace gradepost::model {

enum class KeptKind {
    graded,  // a score to post
    pending, // only ungraded submitted attempts, posted as Submitted/PendingManual (--post-pending)
    not_graded, // only ungraded attempts and no --post-pending: skipped "not graded yet"
    excused,    // skipped "excused"
};

// The one score per student that the keep policy chose.
struct KeptScore {
    std::string user_id;
    KeptKind kind = KeptKind::graded;
    double given = 0;                      // meaningful when kind == graded
    double maximum = 0;                    // meaningful when kind == graded
    std::optional<Timestamp> submitted_at; // of the kept attempt, for submission.submittedAt
    std::string comment;                   // of the kept attempt, or --comment
    std::string url;                       // of the kept attempt (--canvas-attach-url)
    AttemptKeys attempt_keys;              // of every graded attempt it covers
    std::size_t attempt_count = 0;         // rows of this student, graded or not
};

} // namespace gradepost::model
