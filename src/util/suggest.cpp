#include "util/suggest.hpp"

#include <algorithm>

namespace gradepost::util {

std::size_t edit_distance(std::string_view from, std::string_view to) {
    // Three rows suffice: a swap looks two rows back.
    std::vector<std::size_t> before(to.size() + 1), previous(to.size() + 1), current(to.size() + 1);
    for (std::size_t j = 0; j <= to.size(); ++j)
        previous[j] = j;
    for (std::size_t i = 1; i <= from.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= to.size(); ++j) {
            std::size_t substitution = from[i - 1] == to[j - 1] ? 0 : 1;
            current[j] =
                std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution});
            if (i > 1 && j > 1 && from[i - 1] == to[j - 2] && from[i - 2] == to[j - 1])
                current[j] = std::min(current[j], before[j - 2] + 1);
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[to.size()];
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
    constexpr std::size_t k_max_edits = 2;
    std::optional<std::string> best;
    std::size_t best_distance = k_max_edits + 1;
    for (const auto& candidate : candidates) {
        auto distance = edit_distance(word, candidate);
        // Two edits turn any short word into another: a short word may differ by less.
        if (distance < best_distance && distance * 2 < word.size()) {
            best = candidate;
            best_distance = distance;
        }
    }
    if (best || word.empty())
        return best;
    for (const auto& candidate : candidates)
        if (candidate.starts_with(word))
            return candidate;
    return std::nullopt;
}

} // namespace gradepost::util
