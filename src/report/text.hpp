#pragma once

// Text as a terminal shows it. UTF-8 is decoded by code point; an invalid byte counts as
// one replacement character. East Asian wide and fullwidth characters take two columns,
// combining marks none, and SGR colour sequences (ESC [ ... m) none.

#include <cstddef>
#include <string>
#include <string_view>

namespace gradepost::report {

// Columns the text takes on a terminal.
std::size_t display_width(std::string_view text);

// The text made safe to print in one table cell: tabs and line breaks become spaces, other
// control characters and invalid UTF-8 become U+FFFD, so a value from a file or a server
// cannot move the cursor or retitle the terminal. SGR colour sequences are kept when
// keep_color is true and dropped otherwise.
std::string sanitize_cell(std::string_view text, bool keep_color);

// True for a plain decimal number ("18", "-3", "0.5"), a percentage ("85%") or a score
// fraction ("18 / 20"): cells that tables right-align.
bool is_numeric_cell(std::string_view text);

} // namespace gradepost::report
