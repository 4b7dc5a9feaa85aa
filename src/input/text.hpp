#pragma once

#include "util/text.hpp"

#include <string>
#include <string_view>

namespace gradepost::input {

// Small text helpers shared by the readers. ASCII-only case folding: column names and
// keywords in exports are ASCII, and non-ASCII bytes are compared as they are.

using util::trim; // the readers trim cells and names like the rest of gradepost

char to_lower_ascii(char c);

bool equals_ignoring_case(std::string_view left, std::string_view right);

// Lower-cased, without spaces, tabs, underscores and hyphens: "Submitted At" and
// "submitted_at" both become "submittedat".
std::string normalize_name(std::string_view name);

// `text` in double quotes, for messages; long values are shortened, and control characters
// are written as escapes (\n, \x1b) so a value cannot drive the terminal.
std::string quoted_text(std::string_view text);

} // namespace gradepost::input
