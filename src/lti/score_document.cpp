#include "lti/score_document.hpp"

#include "util/time_format.hpp"

namespace gradepost::lti {

namespace {

constexpr const char* k_canvas_extension = "https://canvas.instructure.com/lti/submission";

nlohmann::json canvas_extension(const Score::CanvasSubmission& canvas) {
    auto extension = nlohmann::json::object();
    if (canvas.new_submission)
        extension["new_submission"] = *canvas.new_submission;
    if (canvas.preserve_score)
        extension["preserve_score"] = *canvas.preserve_score;
    if (canvas.prioritize_non_tool_grade)
        extension["prioritize_non_tool_grade"] = *canvas.prioritize_non_tool_grade;
    if (canvas.submitted_at)
        extension["submitted_at"] = util::format_iso8601(*canvas.submitted_at);
    if (canvas.file) {
        nlohmann::json item = {
            {"type", "file"}, {"url", canvas.file->url}, {"title", canvas.file->title}};
        if (!canvas.file->media_type.empty())
            item["media_type"] = canvas.file->media_type;
        extension["content_items"] = nlohmann::json::array({std::move(item)});
    } else if (canvas.content_item_url) {
        extension["submission_type"] = "online_url";
        extension["submission_data"] = *canvas.content_item_url;
    }
    return extension;
}

} // namespace

nlohmann::json score_document(const Score& score, Platform platform) {
    nlohmann::json document;
    document["userId"] = score.user_id;
    if (score.score_given)
        document["scoreGiven"] = *score.score_given;
    if (score.score_maximum)
        document["scoreMaximum"] = *score.score_maximum;
    document["activityProgress"] = score.activity_progress;
    document["gradingProgress"] = score.grading_progress;
    document["timestamp"] = util::format_iso8601(score.timestamp);
    if (score.submitted_at)
        document["submission"] = {{"submittedAt", util::format_iso8601(*score.submitted_at)}};
    if (score.comment)
        document["comment"] = *score.comment;
    if (platform == Platform::canvas)
        if (auto extension = canvas_extension(score.canvas); !extension.empty())
            document[k_canvas_extension] = std::move(extension);
    return document;
}

} // namespace gradepost::lti
