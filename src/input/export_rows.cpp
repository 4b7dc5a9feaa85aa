#include "input/export_rows.hpp"

#include "input/text.hpp"

namespace gradepost::input {

namespace {

bool is_average_label(std::string_view cell) {
    cell = trim(cell);
    return equals_ignoring_case(cell, "Overall average") ||
           equals_ignoring_case(cell, "Moyenne générale");
}

bool is_posting_label(std::string_view cell) {
    cell = trim(cell);
    return equals_ignoring_case(cell, "Muted") || equals_ignoring_case(cell, "Manual Posting");
}

} // namespace

RowKind classify_row(std::span<const std::string_view> cells,
                     std::optional<std::size_t> user_column) {
    bool is_blank = true;
    for (auto cell : cells)
        if (!trim(cell).empty()) {
            is_blank = false;
            break;
        }
    if (is_blank)
        return RowKind::blank;
    std::string_view first = trim(cells.front());
    if (equals_ignoring_case(first, "Points Possible"))
        return RowKind::points_possible;
    if (is_average_label(first))
        return RowKind::footer;

    bool has_user =
        user_column && *user_column < cells.size() && !trim(cells[*user_column]).empty();
    if (has_user)
        return RowKind::student;
    bool has_posting_label = false;
    bool has_other = false;
    for (auto cell : cells) {
        if (is_average_label(cell))
            return RowKind::footer;
        if (is_posting_label(cell))
            has_posting_label = true;
        else if (!trim(cell).empty())
            has_other = true;
    }
    return has_posting_label && !has_other ? RowKind::posting_policy : RowKind::student;
}

} // namespace gradepost::input
