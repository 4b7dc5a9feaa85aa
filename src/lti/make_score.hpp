#pragma once

#include "lti/platform.hpp"
#include "lti/quirks.hpp"
#include "model/kept_score.hpp"
#include "model/last_post.hpp"

#include <optional>
#include <string>

namespace gradepost::lti {

// How scores are sent, from the command line (DESIGN.md, "post / dry-run").
struct SendOptions {
    std::string activity_progress = "Completed";   // of graded scores
    std::string grading_progress = "FullyGraded";  // of graded scores
    bool canvas_submitted_at = false;              // --canvas-submitted-at
    bool canvas_new_submission = false;            // --canvas-new-submission
    bool canvas_prioritize_non_tool_grade = false; // --canvas-prioritize-non-tool-grade
    bool canvas_attach_file = false;      // --canvas-attach-file: the kept URL is a file to attach
    std::string canvas_attach_title;      // --canvas-attach-title; {user} is the user id
    std::string canvas_attach_media_type; // --canvas-attach-media-type; else from the name
};

// The AGS score for a kept score: graded, or Submitted/PendingManual for a pending one; the
// timestamp strictly after the last one sent (`previous`, null when never posted); Canvas's
// extension when the platform is Canvas, with prioritize_non_tool_grade unless `is_override` (the
// post is meant to replace a grade set by hand); then the platform's quirks (adapt_score).
// `refusal` says why it must not be sent at all. Pure.
AdaptedScore make_score(const model::KeptScore& kept, const model::LedgerEntry* previous,
                        model::Timestamp now, Platform platform, const SendOptions& options,
                        bool is_override);

} // namespace gradepost::lti
