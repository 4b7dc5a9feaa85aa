#pragma once

#include "model/outcome.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace gradepost::report {

// The kept scores in numbers, beside their histogram: how many, their mean, median, lowest
// and highest as fractions of their maxima, and how many students have no score. A common
// maximum (every score out of 20) lets them read as points too.
struct ScoreSummary {
    std::size_t count = 0;
    std::size_t missing = 0; // students with no kept score (not graded yet, excused ...)
    double mean = 0;         // fractions of the maximum; meaningful when count > 0
    double median = 0;
    double lowest = 0;
    double highest = 0;
    std::optional<double> common_maximum; // when every score has the same maximum
};

ScoreSummary summarize_scores(const model::RunReport& report);

// "count    41", "mean      71.3%  14.3 / 20", ... one line each; none when count is 0.
std::vector<std::string> summary_lines(const ScoreSummary& summary);

} // namespace gradepost::report
