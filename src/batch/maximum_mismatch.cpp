#include "batch/maximum_mismatch.hpp"

#include <fmt/format.h>

#include <map>

namespace gradepost::batch {

std::optional<std::string> maximum_mismatch(const KeptScores& scores, double line_item_maximum) {
    std::map<double, std::size_t> differing; // export maximum -> graded scores out of it
    const model::KeptScore* example = nullptr;
    for (const auto& score : scores.kept) {
        if (score.kind != model::KeptKind::graded || !(score.maximum > 0) ||
            score.maximum == line_item_maximum)
            continue;
        ++differing[score.maximum];
        if (!example)
            example = &score;
    }
    if (!example)
        return std::nullopt;
    std::size_t count = 0;
    for (const auto& entry : differing)
        count += entry.second;
    auto shown = example->given / example->maximum * line_item_maximum;
    return fmt::format(
        "{} {} out of {} but the line item is out of {:.6g}: the platform rescales them "
        "({:.6g}/{:.6g} shows as {:.6g}/{:.6g}). Pass --scale-to-line-item to post them on the "
        "line item's scale (for "
        "platforms that keep the raw score), or --max to correct the export's maximum",
        count, count == 1 ? "score is" : "scores are",
        differing.size() == 1 ? fmt::format("{:.6g}", example->maximum) : "other maxima",
        line_item_maximum, example->given, example->maximum, shown, line_item_maximum);
}

} // namespace gradepost::batch
