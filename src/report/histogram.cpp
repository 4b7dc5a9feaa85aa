#include "report/histogram.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace gradepost::report {

Histogram score_histogram(const model::RunReport& report) {
    Histogram bins{};
    for (const auto& outcome : report.scores) {
        if (!outcome.given || !outcome.maximum || !(*outcome.maximum > 0) ||
            !std::isfinite(*outcome.given))
            continue;
        double fraction = std::max(0.0, *outcome.given / *outcome.maximum);
        auto bin = static_cast<std::size_t>(std::min(9.0, std::floor(fraction * 10)));
        ++bins[bin];
    }
    return bins;
}

std::string render_histogram(const Histogram& histogram, const std::vector<std::string>& beside) {
    constexpr std::size_t k_bar_width = 30;
    std::size_t fullest = *std::max_element(histogram.begin(), histogram.end());
    if (fullest == 0)
        return "";
    std::string out = "kept scores (fraction of the maximum):\n";
    for (std::size_t bin = histogram.size(); bin-- > 0;) {
        std::size_t width = (histogram[bin] * k_bar_width + fullest - 1) / fullest;
        std::string bar;
        for (std::size_t i = 0; i < width; ++i)
            bar += "\u2588";
        bar.append(k_bar_width - width, ' ');
        std::string line = fmt::format("  {:>3}-{:<4} {} {:<6}", bin * 10,
                                       fmt::format("{}%", bin * 10 + 10), bar, histogram[bin]);
        std::size_t row = histogram.size() - 1 - bin;
        if (row < beside.size())
            line += "   " + beside[row];
        line.erase(line.find_last_not_of(' ') + 1);
        out += line + '\n';
    }
    return out;
}

} // namespace gradepost::report
