#pragma once

#include "lti/platform.hpp"
#include "lti/resources.hpp"
#include "model/last_post.hpp"

#include <optional>
#include <string>

namespace gradepost::lti {

// The AGS `timestamp` for a new post: max(now, last sent + 1 s), so it is strictly later
// than anything sent before for this line item and student, in whole seconds too.
model::Timestamp next_timestamp(model::Timestamp now, std::optional<model::Timestamp> last_sent);

// Adjusts a score for the platform (DESIGN.md, "Platform profiles"), knowing what was last
// posted: Canvas new_submission false on re-posts, preserve_score on non-final posts and
// comments only when changed; Blackboard re-sends the last comment; ... Returns the reason
// when the score must not be sent at all: Moodle and a non-final or score-less post, or a
// score above its maximum (Moodle would keep the maximum and answer 2xx).
struct AdaptedScore {
    Score score;
    std::optional<std::string> refusal;
};
AdaptedScore adapt_score(Score score, Platform platform,
                         const std::optional<model::SentScore>& last_posted);

} // namespace gradepost::lti
