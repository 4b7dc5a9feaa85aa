#include "batch/scale_to_line_item.hpp"

#include "util/error.hpp"

#include <fmt/format.h>

namespace gradepost::batch {

void scale_to_line_item(KeptScores& scores, double line_item_maximum) {
    if (!(line_item_maximum > 0))
        throw util::UsageError(fmt::format("--scale-to-line-item: the line item's scoreMaximum is "
                                           "{}, not a positive number",
                                           line_item_maximum));
    for (auto& score : scores.kept) {
        if (score.kind != model::KeptKind::graded || !(score.maximum > 0))
            continue;
        score.given = score.given / score.maximum * line_item_maximum;
        score.maximum = line_item_maximum;
    }
}

} // namespace gradepost::batch
