#include "lti/make_score.hpp"

#include "lti/attachment.hpp"

namespace gradepost::lti {

AdaptedScore make_score(const model::KeptScore& kept, const model::LedgerEntry* previous,
                        model::Timestamp now, Platform platform, const SendOptions& options,
                        bool is_override) {
    Score score;
    score.user_id = kept.user_id;
    if (kept.kind == model::KeptKind::graded) {
        score.score_given = kept.given;
        score.score_maximum = kept.maximum;
        score.activity_progress = options.activity_progress;
        score.grading_progress = options.grading_progress;
    } else {
        score.activity_progress = "Submitted";
        score.grading_progress = "PendingManual";
    }
    score.timestamp = next_timestamp(now, previous ? previous->last_timestamp
                                                   : std::optional<model::Timestamp>{});
    score.submitted_at = kept.submitted_at;
    if (!kept.comment.empty())
        score.comment = kept.comment;
    if (platform == Platform::canvas) {
        if (options.canvas_submitted_at)
            score.canvas.submitted_at = kept.submitted_at;
        if (options.canvas_new_submission)
            score.canvas.new_submission = true;
        // Canvas itself then refuses to overwrite a grade typed in SpeedGrader.
        if (options.canvas_prioritize_non_tool_grade || !is_override)
            score.canvas.prioritize_non_tool_grade = true;
        if (!kept.url.empty() && options.canvas_attach_file) {
            // Each attachment is a new submission (an attempt): only a changed file is sent.
            score.canvas.attachment_digest = attachment_digest(kept.url);
            bool is_attached = previous && previous->last_posted &&
                               previous->last_posted->attachment == score.canvas.attachment_digest;
            if (!is_attached) {
                score.canvas.file = canvas_file(kept.url, kept.user_id, options.canvas_attach_title,
                                                options.canvas_attach_media_type);
                score.canvas.new_submission = true;
            }
        } else if (!kept.url.empty()) {
            score.canvas.content_item_url = kept.url;
        }
    }
    return adapt_score(std::move(score), platform,
                       previous ? previous->last_posted : std::optional<model::SentScore>{});
}

} // namespace gradepost::lti
