#pragma once

#include "lti/course_refusal.hpp"
#include "lti/gradebook_client.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>

namespace gradepost::batch {

// How many first answers must agree before a run stops: enough that one odd student does
// not stop a class, few enough that a concluded course costs a handful of requests.
inline constexpr std::size_t k_early_stop_window = 10;

// Stop dispatching when every one of the first answers (all of them when fewer came) names
// the same course-level refusal: the rest would be refused the same way. Answers that were
// never sent do not count; one success or one other error means no stop. Pure.
std::optional<lti::CourseRefusal> early_stop_reason(std::span<const lti::PostAnswer> first_answers);

// Posts the first `window` scores, and the rest only when early_stop_reason() finds nothing
// in their answers. Callbacks get indices into `scores`, as post_scores gives them; scores
// left unsent get no on_done. Returns the reason when it stopped (or when every score sent
// shared one, however few).
std::optional<lti::CourseRefusal>
post_with_early_stop(lti::GradebookClient& client, const std::string& line_item_url,
                     std::span<const lti::Score> scores,
                     const std::function<void(std::size_t, const lti::PostAnswer&)>& on_done,
                     const std::function<void(std::size_t)>& before_send,
                     std::size_t window = k_early_stop_window);

} // namespace gradepost::batch
