#pragma once

#include "sandbox/course.hpp"
#include "sandbox/options.hpp"

#include <filesystem>
#include <string_view>

// Seeding the sandbox course. Students come from, in order of precedence: --roster FILE,
// --students N, the seed file's "students", else 10 generated students. Line items come from
// --lineitem flags, else the seed file's "line_items", else one "Quiz 1" out of 10. The
// instructor 9001 is always added, so a test can post to a member who is not a student.
//
// Generated student N (N = 1, 2, …): user_id "1000+N", name "Student N", email
// "student<id>@example.edu", lis_person_sourcedid "SIS<id>", LTI alias
// "00000000-0000-4000-8000-00000000<id>", role Learner.
//
// Roster CSV: `user_id,name,email,lis_person_sourcedid[,roles]`, an optional header line
// starting with user_id, fields split on commas (no quoting), roles separated by ';' or
// spaces, short names (Learner, Instructor, TeachingAssistant, Student) or full URIs.
//
// Seed file (JSON), every member optional:
//   {
//     "course_id": "course-1",
//     "course_title": "Sandbox Course",
//     "students": 25,                         // or an array of members:
//     "students": [{"user_id": "u1", "name": "Ada Lovelace", "email": "ada@example.edu",
//                   "lis_person_sourcedid": "SIS-u1", "lti_user_id": "…",
//                   "roles": ["Learner"]}],
//     "line_items": [{"label": "Quiz 1", "scoreMaximum": 10, "tag": "quiz",
//                     "resourceId": "q1", "resourceLinkId": "rl-1",
//                     "startDateTime": "…", "endDateTime": "…"}]
//   }
namespace gradepost::sandbox {

// Builds the course from the options. Throws util::UsageError naming the file and line or
// the flag at fault.
Course load_course(const SandboxOptions& options);

// Parses a --lineitem value "LABEL:MAX" (the label may hold colons; MAX > 0).
LineItem parse_line_item_flag(std::string_view text);

std::vector<Member> generate_students(int count);
std::vector<Member> read_roster(const std::filesystem::path& file);
// A short role name (Learner, Instructor, …) as its LIS URI; URIs are kept.
std::string role_uri(std::string_view role);

} // namespace gradepost::sandbox
