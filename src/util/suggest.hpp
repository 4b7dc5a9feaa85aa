#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gradepost::util {

// Edits (insert, delete, substitute, swap two neighbours) that turn `from` into `to`:
// the optimal string alignment form of the Damerau-Levenshtein distance.
std::size_t edit_distance(std::string_view from, std::string_view to);

// The candidate a mistyped `word` most likely meant, as git and gh suggest one: the closest
// within two edits (fewer than half its length), else one that starts with `word`. Nothing
// when none is close.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

} // namespace gradepost::util
