#include "report/color.hpp"
#include "report/render.hpp"
#include "report/text.hpp"

#include <algorithm>

namespace gradepost::report {

namespace {

constexpr std::string_view k_gap = "  ";

enum class Align { left, right };

void append_padded(std::string& line, const std::string& cell, std::size_t width, Align align) {
    std::size_t padding = width - std::min(width, display_width(cell));
    if (align == Align::right)
        line.append(padding, ' ');
    line.append(cell);
    if (align == Align::left)
        line.append(padding, ' ');
}

// Padding after the last cell is noise in a terminal and in a diff of saved output.
void end_line(std::string& out, std::string& line) {
    line.erase(line.find_last_not_of(' ') + 1);
    out.append(line);
    out.push_back('\n');
    line.clear();
}

} // namespace

std::string render_table(const std::vector<std::string>& headers,
                         const std::vector<std::vector<std::string>>& rows, const Style& style) {
    std::size_t columns = headers.size();
    for (const auto& row : rows)
        columns = std::max(columns, row.size());

    std::vector<std::string> header_cells(columns);
    for (std::size_t c = 0; c < headers.size(); ++c)
        header_cells[c] = sanitize_cell(headers[c], false);
    std::vector<std::vector<std::string>> cells(rows.size(), std::vector<std::string>(columns));
    std::vector<std::vector<bool>> is_number(rows.size(), std::vector<bool>(columns, false));
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            cells[r][c] = sanitize_cell(rows[r][c], style.color);
            is_number[r][c] = is_numeric_cell(sanitize_cell(rows[r][c], false));
        }
    }

    std::vector<std::size_t> widths(columns, 0);
    // A column of numbers gets a right-aligned header too, so it sits above its digits.
    std::vector<bool> is_numeric_column(columns, false);
    for (std::size_t c = 0; c < columns; ++c) {
        widths[c] = display_width(header_cells[c]);
        bool has_number = false;
        bool has_text = false;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            widths[c] = std::max(widths[c], display_width(cells[r][c]));
            if (is_number[r][c])
                has_number = true;
            else if (!cells[r][c].empty())
                has_text = true;
        }
        is_numeric_column[c] = has_number && !has_text;
    }

    std::string out;
    std::string line;
    for (std::size_t c = 0; c < columns; ++c) {
        if (c > 0)
            line.append(k_gap);
        append_padded(line, paint(header_cells[c], Color::bold, style.color), widths[c],
                      is_numeric_column[c] ? Align::right : Align::left);
    }
    end_line(out, line);
    for (std::size_t c = 0; c < columns; ++c) {
        if (c > 0)
            line.append(k_gap);
        line.append(widths[c], '-');
    }
    end_line(out, line);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < columns; ++c) {
            if (c > 0)
                line.append(k_gap);
            append_padded(line, cells[r][c], widths[c],
                          is_number[r][c] ? Align::right : Align::left);
        }
        end_line(out, line);
    }
    return out;
}

} // namespace gradepost::report
