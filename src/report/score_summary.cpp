#include "report/score_summary.hpp"

#include "report/number.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace gradepost::report {

namespace {

bool has_score(const model::Outcome& outcome) {
    return outcome.given && outcome.maximum && *outcome.maximum > 0 &&
           std::isfinite(*outcome.given);
}

// " 71.3%  14.3 / 20": percents right-aligned so that a column of them lines up; the points
// only when every score shares one maximum.
std::string fraction_text(double fraction, const std::optional<double>& common_maximum) {
    std::string text = fmt::format("{:>6}", fmt::format("{:.1f}%", fraction * 100));
    if (common_maximum) {
        text += "  ";
        append_number(text, std::round(fraction * *common_maximum * 100) / 100);
        text += " / ";
        append_number(text, *common_maximum);
    }
    return text;
}

} // namespace

ScoreSummary summarize_scores(const model::RunReport& report) {
    ScoreSummary summary;
    std::vector<double> fractions;
    bool is_maximum_shared = true;
    for (const auto& outcome : report.scores) {
        if (!has_score(outcome)) {
            ++summary.missing;
            continue;
        }
        if (!summary.common_maximum)
            summary.common_maximum = *outcome.maximum;
        else if (*summary.common_maximum != *outcome.maximum)
            is_maximum_shared = false;
        fractions.push_back(*outcome.given / *outcome.maximum);
    }
    if (!is_maximum_shared)
        summary.common_maximum.reset();
    summary.count = fractions.size();
    if (fractions.empty())
        return summary;
    std::sort(fractions.begin(), fractions.end());
    double total = 0;
    for (double fraction : fractions)
        total += fraction;
    summary.mean = total / static_cast<double>(fractions.size());
    std::size_t middle = fractions.size() / 2;
    summary.median = fractions.size() % 2 == 1 ? fractions[middle]
                                               : (fractions[middle - 1] + fractions[middle]) / 2;
    summary.lowest = fractions.front();
    summary.highest = fractions.back();
    return summary;
}

std::vector<std::string> summary_lines(const ScoreSummary& summary) {
    if (summary.count == 0)
        return {};
    const auto& maximum = summary.common_maximum;
    return {
        fmt::format("count    {}", summary.count),
        fmt::format("mean     {}", fraction_text(summary.mean, maximum)),
        fmt::format("median   {}", fraction_text(summary.median, maximum)),
        fmt::format("min      {}", fraction_text(summary.lowest, maximum)),
        fmt::format("max      {}", fraction_text(summary.highest, maximum)),
        fmt::format("missing  {}", summary.missing),
    };
}

} // namespace gradepost::report
