#pragma once

#include "batch/plan.hpp"

#include <optional>
#include <string>

namespace gradepost::batch {

// A warning when graded scores are out of another maximum than the line item: the platform
// rescales them (18.5/20 shows as 9.25 in a 10-point column), which nobody should learn from
// the gradebook. Names how many, the two maxima, an example and what to do. Nothing when
// every graded score is out of the line item's maximum.
std::optional<std::string> maximum_mismatch(const KeptScores& scores, double line_item_maximum);

} // namespace gradepost::batch
