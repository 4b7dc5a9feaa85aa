#pragma once

#include "lti/resources.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace gradepost::batch {

// The export's students against the course's NRPS roster (doctor): who is not a member at
// all, who is a member but not an active learner (a teacher, a dropped or inactive student),
// and how many could be graded.
struct RosterCheck {
    std::size_t students = 0; // distinct user ids in the export
    std::size_t gradable = 0; // active learners of the course
    std::vector<std::string> not_in_course;
    std::vector<std::string> not_active_learners; // "u3 (Inactive)", "u4 (Instructor)"
};

// Pure; user ids compared exactly, in the export's order. A member is an active learner when
// one of its roles is Learner (full LIS URI or short name) and its status is Active or absent.
RosterCheck check_roster(const std::vector<std::string>& export_users,
                         const std::vector<lti::Member>& members);

} // namespace gradepost::batch
