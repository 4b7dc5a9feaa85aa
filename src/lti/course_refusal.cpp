#include "lti/course_refusal.hpp"

#include "util/ascii.hpp"

#include <array>
#include <utility>

namespace gradepost::lti {

std::optional<CourseRefusal> course_refusal_of(std::string_view platform_message) {
    static constexpr std::array<std::pair<std::string_view, CourseRefusal>, 3> k_texts = {{
        {"this course has concluded", CourseRefusal::course_concluded},
        {"course not available for student", CourseRefusal::course_not_available},
        {"maximum number of allowed attempts has been reached", CourseRefusal::attempts_used_up},
    }};
    std::string lower = util::lowercase_ascii(platform_message);
    for (const auto& [text, refusal] : k_texts)
        if (lower.find(text) != std::string::npos)
            return refusal;
    return std::nullopt;
}

std::string_view to_string(CourseRefusal refusal) {
    switch (refusal) {
    case CourseRefusal::course_concluded:
        return "course_concluded";
    case CourseRefusal::course_not_available:
        return "course_not_available";
    case CourseRefusal::attempts_used_up:
        return "attempts_used_up";
    }
    return "course_concluded";
}

std::string explain(CourseRefusal refusal) {
    switch (refusal) {
    case CourseRefusal::course_concluded:
        return "the course has concluded, and Canvas accepts no more grades for it; an "
               "administrator can extend the course's or the term's end date (Course Settings, "
               "\"Participation\"), then run the post again";
    case CourseRefusal::course_not_available:
        return "the course is not available to its students (not published yet, or their "
               "enrolments have ended); publish the course or extend its dates in Canvas, then "
               "run the post again";
    case CourseRefusal::attempts_used_up:
        return "the assignment's allowed attempts are used up, and each post counts as a new "
               "attempt; raise \"Allowed Attempts\" on the assignment in Canvas, or post "
               "without --canvas-new-submission and without a file";
    }
    return {};
}

} // namespace gradepost::lti
