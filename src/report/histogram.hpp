#pragma once

#include "model/outcome.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace gradepost::report {

// The kept scores as fractions of their maxima in ten bins: [0, 10%), [10%, 20%) ...
// [90%, 100%]; extra credit above 100% counts in the last bin. Every student with a score
// counts, posted or not: an instructor sees at a glance that a column of zeros is about to go.
using Histogram = std::array<std::size_t, 10>;
Histogram score_histogram(const model::RunReport& report);

// Ten lines, "  90-100% ████████  12", bars scaled to the fullest bin, with `beside` (the
// score summary) written to the right of the first lines. Empty when no student has a score.
std::string render_histogram(const Histogram& histogram,
                             const std::vector<std::string>& beside = {});

} // namespace gradepost::report
