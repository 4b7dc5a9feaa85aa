#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace gradepost::input {

// Rows of known exports that are not students:
//   Canvas gradebook: "    Points Possible" right under the header, the maximum of each
//   assignment column; and "Muted" / "Manual Posting" rows with no student.
//   Moodle: the "Overall average" footer ("Moyenne générale" in French), in the first cell,
//   or in a name cell of a row with no user.
// Canvas's "Test Student" is a real row and stays.
enum class RowKind { student, blank, points_possible, footer, posting_policy };

RowKind classify_row(std::span<const std::string_view> cells,
                     std::optional<std::size_t> user_column);

} // namespace gradepost::input
