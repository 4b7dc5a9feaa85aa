#pragma once

#include "lti/platform.hpp"
#include "lti/resources.hpp"

#include <nlohmann/json.hpp>

namespace gradepost::lti {

// The AGS 2.0 score document (application/vnd.ims.lis.v1.score+json):
//   userId, scoreGiven and scoreMaximum (only when given), activityProgress,
//   gradingProgress, timestamp (ISO 8601 UTC with microseconds),
//   submission.submittedAt (when known), comment (when set).
// For Platform::canvas only, the extension object under
// "https://canvas.instructure.com/lti/submission" with the fields that are set:
//   new_submission, preserve_score, prioritize_non_tool_grade, submitted_at, and
//   content_item_url as submission_type "online_url" + submission_data (the URL is attached
//   to the student's submission), or `file` as content_items [{type "file", url, title,
//   media_type}] (Canvas downloads the file into an online_upload submission; see
//   lti/attachment.hpp). Other platforms never see the extension.
nlohmann::json score_document(const Score& score, Platform platform);

} // namespace gradepost::lti
