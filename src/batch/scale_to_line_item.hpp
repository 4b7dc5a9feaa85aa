#pragma once

#include "batch/plan.hpp"

namespace gradepost::batch {

// --scale-to-line-item: every graded score becomes given/maximum of the line item's
// `line_item_maximum`, out of that maximum (7/10 on a line item out of 15 is posted as 10.5/15),
// so the gradebook column keeps its own scale whatever the export's. Excused and pending
// scores are left as they are. Throws util::UsageError for a maximum that is not positive.
void scale_to_line_item(KeptScores& scores, double line_item_maximum);

} // namespace gradepost::batch
