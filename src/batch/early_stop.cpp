#include "batch/early_stop.hpp"

#include <algorithm>

namespace gradepost::batch {

std::optional<lti::CourseRefusal>
early_stop_reason(std::span<const lti::PostAnswer> first_answers) {
    std::optional<lti::CourseRefusal> shared;
    bool any_sent = false;
    for (const auto& answer : first_answers) {
        if (!answer.was_sent)
            continue;
        if (answer.is_success || !answer.course_refusal)
            return std::nullopt;
        if (any_sent && *answer.course_refusal != *shared)
            return std::nullopt;
        shared = answer.course_refusal;
        any_sent = true;
    }
    return shared;
}

std::optional<lti::CourseRefusal>
post_with_early_stop(lti::GradebookClient& client, const std::string& line_item_url,
                     std::span<const lti::Score> scores,
                     const std::function<void(std::size_t, const lti::PostAnswer&)>& on_done,
                     const std::function<void(std::size_t)>& before_send, std::size_t window) {
    std::size_t first_count = std::min(window, scores.size());
    auto first = client.post_scores(line_item_url, scores.first(first_count), on_done, before_send);
    auto reason = early_stop_reason(first);
    if (reason || first_count == scores.size())
        return reason;

    // The rest, with indices shifted back to `scores`.
    auto shifted_done = [&](std::size_t index, const lti::PostAnswer& answer) {
        if (on_done)
            on_done(first_count + index, answer);
    };
    auto shifted_send = [&](std::size_t index) {
        if (before_send)
            before_send(first_count + index);
    };
    client.post_scores(line_item_url, scores.subspan(first_count), shifted_done, shifted_send);
    return std::nullopt;
}

} // namespace gradepost::batch
