#pragma once

#include "sandbox/quirks.hpp"
#include "util/clock.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

// The AGS 2.0 score (application/vnd.ims.lis.v1.score+json), validated as strictly as
// Canvas does:
//   userId, activityProgress, gradingProgress and timestamp are required (400);
//   activityProgress ∈ Initialized, Started, InProgress, Submitted, Completed (400);
//   gradingProgress ∈ FullyGraded, Pending, PendingManual, Failed, NotReady (400);
//   timestamp is ISO 8601 (400); scoreGiven needs scoreMaximum (422); scoreGiven ≥ 0 and
//   scoreMaximum > 0 (400); comment is a string; submission.startedAt/submittedAt are
//   ISO 8601; the Canvas extension "https://canvas.instructure.com/lti/submission" is an
//   object (new_submission, submitted_at, prioritize_non_tool_grade, …); preserve_score may
//   sit at the top level or in the extension; its content_items is an array of objects
//   with a string `type`, and those of type "file" need a string http(s) `url` (422), with
//   an optional string `title` and `media_type`.
// The stored result then follows the quirk mode: see next_result().
namespace gradepost::sandbox {

inline constexpr const char* k_canvas_extension = "https://canvas.instructure.com/lti/submission";

// A Canvas content item of type "file": Canvas downloads `url` into the submission.
struct SubmittedFile {
    std::string url;
    std::string title;
    std::string media_type;
};

struct ScoreSubmission {
    std::string user_id;
    std::optional<double> score_given;
    std::optional<double> score_maximum;
    std::optional<std::string> comment;
    std::string activity_progress;
    std::string grading_progress;
    std::string timestamp;
    util::Instant instant{};
    bool is_new_submission = true;           // Canvas: false does not use up an attempt
    bool preserves_score = false;            // Canvas: a non-final post keeps the score
    bool prioritizes_non_tool_grade = false; // Canvas: a grade set by hand is kept
    std::vector<SubmittedFile> files;        // Canvas: content_items of type "file"
};

// What the platform holds for one student and line item.
struct StoredResult {
    std::optional<double> score_given;
    std::optional<double> score_maximum;
    std::string comment;
    std::vector<std::string> comments; // Canvas: one per post that carried a comment
    std::string activity_progress;
    std::string grading_progress;
    std::string timestamp;
    util::Instant instant{};
    bool is_cleared = false;     // Moodle cleared the grade (non-final or score-less post)
    int attempts = 0;            // Canvas attempts used
    bool is_set_by_hand = false; // an instructor typed it in the gradebook (/_sandbox/grade)
    std::vector<SubmittedFile> attachments; // Canvas: files of the submissions, oldest first
};

// Validates a score body. Throws RequestError (400 or 422) with Canvas's wording.
ScoreSubmission parse_score(const nlohmann::json& body);

// Refuses a timestamp the platform would refuse against the stored one: strict and Canvas
// "Provided timestamp of … before last updated timestamp of …" (400), Open edX equal too
// (400), Moodle equal or earlier in whole seconds (409). Throws RequestError.
void check_timestamp_order(const Quirks& quirks, const ScoreSubmission& score,
                           const StoredResult& stored);

// Canvas refuses a new submission once `allowed_attempts` (0: unlimited) are used (422).
void check_attempts(const Quirks& quirks, const ScoreSubmission& score,
                    const std::optional<StoredResult>& stored, int allowed_attempts);

// The result stored after an accepted post: Moodle caps the score at the maximum and clears
// the grade on a non-final or score-less post; Canvas appends the comment to the history,
// counts an attempt, erases the score of a non-final post without preserve_score, and keeps
// the files of a new submission (Canvas attaches content items only to a new one).
StoredResult next_result(const Quirks& quirks, const ScoreSubmission& score,
                         const std::optional<StoredResult>& stored);

// The key under which accepted posts are counted per score value: "8", "8.5" or "none".
std::string score_value_key(const std::optional<double>& score_given);

} // namespace gradepost::sandbox
