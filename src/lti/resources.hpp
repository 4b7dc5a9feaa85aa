#pragma once

#include "model/time.hpp"

#include <optional>
#include <string>
#include <vector>

namespace gradepost::lti {

// AGS 2.0 line item (application/vnd.ims.lis.v2.lineitem+json).
struct LineItem {
    std::string id; // the line item URL; empty before creation
    std::string label;
    double score_maximum = 0;
    std::string tag;
    std::string resource_id;
    std::string resource_link_id;
    std::optional<std::string> start_date_time;
    std::optional<std::string> end_date_time;
};

struct LineItemFilter {
    std::string resource_link_id;
    std::string resource_id;
    std::string tag;
    std::optional<int> limit; // page size asked for
};

// AGS 2.0 result (application/vnd.ims.lis.v2.resultcontainer+json).
struct Result {
    std::string id;
    std::string user_id;
    std::optional<double> result_score;
    std::optional<double> result_maximum;
    std::string comment;
    std::string timestamp; // as the platform wrote it, when it gives one
};

// AGS 2.0 score (application/vnd.ims.lis.v1.score+json), with Canvas's extension.
struct Score {
    std::string user_id;
    std::optional<double> score_given;
    std::optional<double> score_maximum;
    std::string activity_progress = "Completed";
    std::string grading_progress = "FullyGraded";
    model::Timestamp timestamp{};
    std::optional<model::Timestamp> submitted_at; // submission.submittedAt
    std::optional<std::string> comment;
    // A content item of type "file" (lti/attachment.hpp).
    struct CanvasFile {
        std::string url;
        std::string title;
        std::string media_type; // empty: Canvas infers it
    };
    // https://canvas.instructure.com/lti/submission (sent only to Canvas)
    struct CanvasSubmission {
        std::optional<bool> new_submission;
        std::optional<bool> preserve_score;
        std::optional<bool> prioritize_non_tool_grade;
        std::optional<model::Timestamp> submitted_at;
        std::optional<std::string> content_item_url; // --canvas-attach-url
        std::optional<CanvasFile> file;              // --canvas-attach-file: content_items[0]
        // Not sent: the digest of the file URL attached to the submission by this post or an
        // earlier one (lti/attachment.hpp); the ledger keeps it to attach a file only once.
        std::string attachment_digest;
    } canvas;
};

// NRPS 2.0 member (application/vnd.ims.lti-nrps.v2.membershipcontainer+json).
struct Member {
    std::string user_id;
    std::string name;
    std::string given_name;
    std::string family_name;
    std::string email;
    std::string lis_person_sourcedid;
    std::vector<std::string> roles;
    std::string status; // Active, Inactive, Deleted
};

} // namespace gradepost::lti
