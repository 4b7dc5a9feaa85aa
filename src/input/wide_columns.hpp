#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gradepost::input {

// A wide gradebook (Canvas's gradebook CSV, Moodle's grader report export) has one column per
// grade item; `post --wide` and `sync` jobs with "wide" make each score column a line item.

struct WideColumn {
    std::string column;            // the header as written, for --map score=COLUMN
    std::string label;             // the line item's label: "Quiz 1" for "Quiz 1 (123)"
    std::optional<double> maximum; // "Quiz 1/10.00", or Canvas's "Points Possible" row
};

// The line item label a gradebook header names: Canvas's "Quiz 1 (123)" → "Quiz 1", Moodle's
// "Quiz: Week 1 (Real)" → "Week 1", "Grade/10.00" → "Grade"; anything else as it is, trimmed.
std::string wide_label(std::string_view header);

// A column that holds no grade item: names, ids, emails, sections, dates, Canvas's totals
// ("Current Score", "Assignments Final Points", ...), Moodle's "Course total".
bool is_non_score_column(std::string_view header);

// The score columns of a header, in file order. `points_possible` is Canvas's row of maxima
// right under the header (empty when the export has none); a "/10.00" header wins over it.
std::vector<WideColumn> wide_columns(std::span<const std::string_view> header,
                                     std::span<const std::string_view> points_possible);

// The columns --columns names, in its order, each matched by header or by label
// (case-insensitively). Throws util::UsageError naming a column that is not a score column.
std::vector<WideColumn> choose_wide_columns(const std::vector<WideColumn>& columns,
                                            std::span<const std::string> chosen);

} // namespace gradepost::input

namespace gradepost::input {

// The score columns of a gradebook CSV file: its header, and Canvas's "Points Possible" row
// when it is the next record. Throws util::UsageError naming a file that cannot be read.
std::vector<WideColumn> wide_columns_of_file(const std::filesystem::path& file);

} // namespace gradepost::input
