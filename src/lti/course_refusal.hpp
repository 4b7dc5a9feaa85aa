#pragma once

#include <optional>
#include <string>
#include <string_view>

// Refusals that concern the whole course or assignment, not one student: every further
// score post would be refused the same way. Recognised by Canvas's own texts (its AGS
// scores controller and gradebook services):
//   422 "This course has concluded. AGS requests will no longer be accepted for this course."
//   "Course not available for student" (a course students cannot reach: unpublished, or
//       their enrolment concluded)
//   422 "The maximum number of allowed attempts has been reached for this submission"
// "User not found in course or is not a student" is not one: ten dropped students listed
// first would stop every run, as they are retried first.
namespace gradepost::lti {

enum class CourseRefusal {
    course_concluded,
    course_not_available,
    attempts_used_up,
};

// The course-level reason a refused score post names, if any. Case-insensitive.
std::optional<CourseRefusal> course_refusal_of(std::string_view platform_message);

// Short name for reports and --json ("course_concluded", ...).
std::string_view to_string(CourseRefusal refusal);

// What it means and what to do, in plain words, for the person running the post.
std::string explain(CourseRefusal refusal);

} // namespace gradepost::lti
