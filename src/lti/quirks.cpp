#include "lti/quirks.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace gradepost::lti {

namespace {

constexpr std::string_view k_fully_graded = "FullyGraded";

bool is_final(const Score& score) {
    return score.grading_progress == k_fully_graded && score.score_given.has_value();
}

void adapt_for_canvas(Score& score, const std::optional<model::SentScore>& last_posted) {
    // A re-post would otherwise count as a new attempt of the student's submission (a file
    // is attached only to a new submission: make_score sends it as one).
    if (last_posted && !score.canvas.new_submission)
        score.canvas.new_submission = false;
    // Canvas erases the grade on a score-less or non-final post unless told to keep it.
    if (!is_final(score) && !score.canvas.preserve_score)
        score.canvas.preserve_score = true;
    // Canvas adds a submission comment on every post, so an unchanged one would pile up.
    if (last_posted && score.comment && *score.comment == last_posted->comment)
        score.comment.reset();
}

void adapt_for_blackboard(Score& score, const std::optional<model::SentScore>& last_posted) {
    // Blackboard clears the stored comment when a post has none.
    if (!score.comment && last_posted && !last_posted->comment.empty())
        score.comment = last_posted->comment;
}

std::string over_maximum_refusal(double given, double maximum) {
    return fmt::format("above the maximum ({}/{}): Moodle keeps at most {}, so it was not sent; "
                       "raise the grade item's maximum in Moodle or post the score capped",
                       given, maximum, maximum);
}

} // namespace

model::Timestamp next_timestamp(model::Timestamp now, std::optional<model::Timestamp> last_sent) {
    if (!last_sent)
        return now;
    return std::max(now, *last_sent + std::chrono::seconds(1));
}

AdaptedScore adapt_score(Score score, Platform platform,
                         const std::optional<model::SentScore>& last_posted) {
    switch (platform) {
    case Platform::canvas:
        adapt_for_canvas(score, last_posted);
        break;
    case Platform::moodle:
        if (!is_final(score))
            return {std::move(score), "Moodle clears the grade on a non-final or score-less post"};
        // Moodle would answer 2xx and keep the maximum: a report of "12/10 posted" would be
        // untrue, and the ledger would hold a score the export never had.
        if (score.score_maximum && *score.score_given > *score.score_maximum) {
            auto refusal = over_maximum_refusal(*score.score_given, *score.score_maximum);
            return {std::move(score), std::move(refusal)};
        }
        break;
    case Platform::blackboard:
        adapt_for_blackboard(score, last_posted);
        break;
    case Platform::generic:
    case Platform::brightspace:
    case Platform::sakai:
    case Platform::openedx:
        break;
    }
    return {std::move(score), std::nullopt};
}

} // namespace gradepost::lti
