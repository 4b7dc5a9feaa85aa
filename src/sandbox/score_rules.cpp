#include "sandbox/score_rules.hpp"

#include "sandbox/request_error.hpp"
#include "sandbox/timestamps.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace gradepost::sandbox {

namespace {

constexpr std::array<std::string_view, 5> k_activity_progress = {
    "Initialized", "Started", "InProgress", "Submitted", "Completed"};
constexpr std::array<std::string_view, 5> k_grading_progress = {
    "FullyGraded", "Pending", "PendingManual", "Failed", "NotReady"};

[[noreturn]] void refuse(int status, const std::string& message) {
    throw RequestError(status, message);
}

std::string required_string(const nlohmann::json& body, const char* name) {
    if (!body.contains(name) || body[name].is_null())
        refuse(400, fmt::format("Missing required field: {}", name));
    if (!body[name].is_string() || body[name].get<std::string>().empty())
        refuse(400, fmt::format("{} must be a non-empty string", name));
    return body[name].get<std::string>();
}

template <std::size_t N>
void require_one_of(const std::string& value, const std::array<std::string_view, N>& allowed,
                    const char* name) {
    if (std::find(allowed.begin(), allowed.end(), value) == allowed.end())
        refuse(400, fmt::format("Invalid {}: \"{}\"", name, value));
}

std::optional<double> optional_number(const nlohmann::json& body, const char* name) {
    if (!body.contains(name) || body[name].is_null())
        return std::nullopt;
    if (!body[name].is_number() || !std::isfinite(body[name].get<double>()))
        refuse(400, fmt::format("{} must be a number", name));
    return body[name].get<double>();
}

void check_optional_timestamp(const nlohmann::json& object, const char* name) {
    if (!object.contains(name) || object[name].is_null())
        return;
    if (!object[name].is_string() || !parse_timestamp(object[name].get<std::string>()))
        refuse(400, fmt::format("{} is not a valid ISO 8601 timestamp", name));
}

std::optional<bool> optional_flag(const nlohmann::json& object, const char* name) {
    if (!object.contains(name) || object[name].is_null())
        return std::nullopt;
    if (!object[name].is_boolean())
        refuse(400, fmt::format("{} must be true or false", name));
    return object[name].get<bool>();
}

std::string optional_text(const nlohmann::json& object, const char* name) {
    if (!object.contains(name) || object[name].is_null())
        return {};
    if (!object[name].is_string())
        refuse(400, fmt::format("content_items: {} must be a string", name));
    return object[name].get<std::string>();
}

std::vector<SubmittedFile> parse_files(const nlohmann::json& items) {
    if (!items.is_array())
        refuse(400, "content_items must be an array");
    std::vector<SubmittedFile> files;
    for (const auto& item : items) {
        if (!item.is_object() || !item.contains("type") || !item["type"].is_string())
            refuse(400, "each content item must be an object with a type");
        if (item["type"] != "file")
            continue; // Canvas takes only files
        SubmittedFile file{optional_text(item, "url"), optional_text(item, "title"),
                           optional_text(item, "media_type")};
        if (!file.url.starts_with("https://") && !file.url.starts_with("http://"))
            refuse(422, "content_items: a file needs the url Canvas can download it from");
        files.push_back(std::move(file));
    }
    return files;
}

long long whole_seconds(util::Instant instant) {
    return std::chrono::floor<std::chrono::seconds>(instant).time_since_epoch().count();
}

} // namespace

ScoreSubmission parse_score(const nlohmann::json& body) {
    if (!body.is_object())
        refuse(400, "The score must be a JSON object");
    ScoreSubmission score;
    score.user_id = required_string(body, "userId");
    score.activity_progress = required_string(body, "activityProgress");
    score.grading_progress = required_string(body, "gradingProgress");
    score.timestamp = required_string(body, "timestamp");
    require_one_of(score.activity_progress, k_activity_progress, "activityProgress");
    require_one_of(score.grading_progress, k_grading_progress, "gradingProgress");
    auto instant = parse_timestamp(score.timestamp);
    if (!instant)
        refuse(400, fmt::format("Provided timestamp of {} not a valid timestamp", score.timestamp));
    score.instant = *instant;

    score.score_given = optional_number(body, "scoreGiven");
    score.score_maximum = optional_number(body, "scoreMaximum");
    if (score.score_given && !score.score_maximum)
        refuse(422, "ScoreMaximum must be present when ScoreGiven is present");
    if (score.score_given && *score.score_given < 0)
        refuse(400, "ScoreGiven must be greater than or equal to 0");
    if (score.score_maximum && !(*score.score_maximum > 0))
        refuse(400, "ScoreMaximum must be greater than 0");

    if (body.contains("comment") && !body["comment"].is_null()) {
        if (!body["comment"].is_string())
            refuse(400, "comment must be a string");
        score.comment = body["comment"].get<std::string>();
    }
    if (body.contains("submission")) {
        if (!body["submission"].is_object())
            refuse(400, "submission must be an object");
        check_optional_timestamp(body["submission"], "startedAt");
        check_optional_timestamp(body["submission"], "submittedAt");
    }
    if (auto preserve = optional_flag(body, "preserve_score"))
        score.preserves_score = *preserve;
    if (body.contains(k_canvas_extension)) {
        const auto& extension = body[k_canvas_extension];
        if (!extension.is_object())
            refuse(400, fmt::format("{} must be an object", k_canvas_extension));
        check_optional_timestamp(extension, "submitted_at");
        if (auto is_new = optional_flag(extension, "new_submission"))
            score.is_new_submission = *is_new;
        if (auto preserve = optional_flag(extension, "preserve_score"))
            score.preserves_score = *preserve;
        if (auto prioritize = optional_flag(extension, "prioritize_non_tool_grade"))
            score.prioritizes_non_tool_grade = *prioritize;
        if (extension.contains("content_items"))
            score.files = parse_files(extension["content_items"]);
    }
    return score;
}

void check_timestamp_order(const Quirks& quirks, const ScoreSubmission& score,
                           const StoredResult& stored) {
    switch (quirks.timestamp_rule) {
    case TimestampRule::not_older:
        if (score.instant < stored.instant)
            refuse(400, fmt::format("Provided timestamp of {} before last updated timestamp of {}",
                                    score.timestamp, stored.timestamp));
        break;
    case TimestampRule::later:
        if (score.instant <= stored.instant)
            refuse(400, fmt::format("Provided timestamp of {} not after last updated timestamp "
                                    "of {}",
                                    score.timestamp, stored.timestamp));
        break;
    case TimestampRule::later_in_whole_seconds:
        if (whole_seconds(score.instant) <= whole_seconds(stored.instant))
            refuse(409, "Refusing score with an earlier timestamp for item and user");
        break;
    }
}

void check_attempts(const Quirks& quirks, const ScoreSubmission& score,
                    const std::optional<StoredResult>& stored, int allowed_attempts) {
    if (!quirks.counts_attempts || allowed_attempts <= 0 || !score.is_new_submission)
        return;
    if (stored && stored->attempts >= allowed_attempts)
        refuse(422, "The maximum number of allowed attempts has been reached for this submission");
}

StoredResult next_result(const Quirks& quirks, const ScoreSubmission& score,
                         const std::optional<StoredResult>& stored) {
    StoredResult result = stored.value_or(StoredResult{});
    result.activity_progress = score.activity_progress;
    result.grading_progress = score.grading_progress;
    result.timestamp = score.timestamp;
    result.instant = score.instant;

    if (quirks.keeps_comment_history) {
        if (score.comment) {
            result.comment = *score.comment;
            result.comments.push_back(*score.comment);
        }
    } else {
        result.comment = score.comment.value_or("");
    }

    bool is_final = score.grading_progress == "FullyGraded";
    if (quirks.keeps_comment_history && score.prioritizes_non_tool_grade && stored &&
        stored->is_set_by_hand) {
        // Canvas accepts the post but keeps the grade the instructor entered.
    } else if (quirks.non_final_clears_grade && (!is_final || !score.score_given)) {
        result.score_given.reset();
        result.is_cleared = true;
    } else if (quirks.non_final_erases_score && !is_final && score.preserves_score) {
        // Canvas keeps the grade it holds; nothing to change.
    } else {
        result.score_given = score.score_given;
        result.score_maximum = score.score_maximum;
        result.is_cleared = false;
        result.is_set_by_hand = false;
        if (quirks.caps_score_at_maximum && result.score_given && result.score_maximum)
            result.score_given = std::min(*result.score_given, *result.score_maximum);
        if (quirks.non_final_erases_score && !is_final)
            result.score_given.reset();
    }
    if (quirks.counts_attempts && score.is_new_submission)
        ++result.attempts;
    if (score.is_new_submission)
        result.attachments.insert(result.attachments.end(), score.files.begin(), score.files.end());
    return result;
}

std::string score_value_key(const std::optional<double>& score_given) {
    return score_given ? fmt::format("{}", *score_given) : "none";
}

} // namespace gradepost::sandbox
