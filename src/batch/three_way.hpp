#pragma once

#include "lti/resources.hpp"
#include "model/plan.hpp"
#include "policy/select.hpp"

#include <vector>

// Respecting the gradebook (DESIGN.md, "three-way sync"). Per student, three values: what
// the LMS holds now, what gradepost last posted (ledger), and what it wants to post, all
// compared by result_holds() (fractions, within the platform's rounding):
// - the LMS holds what gradepost wants to post: not sent again, skipped "already in the
//   LMS" (unless --select all), whichever ledger runs;
// - the LMS holds a grade that is not what gradepost last posted, or that gradepost never
//   posted: edited in the LMS. `new` and `changed` skip the student ("edited in the LMS");
//   --force and --select all select it and mark it overrides_lms_edit;
//   A student with nothing to post whose LMS grade was edited is reported the same way;
// - the LMS holds no grade: nothing to protect.

namespace gradepost::batch {

// Applies the rules above to a plan's entries, filling in the LMS's values. Pure.
void check_against_lms(std::vector<model::PlanEntry>& entries,
                       const std::vector<lti::Result>& results, policy::Select select,
                       bool is_forced);

} // namespace gradepost::batch
