#pragma once

#include <string_view>

namespace gradepost::report {

// True when fd is a terminal (stdout is 1, stderr 2).
bool is_terminal(int fd);

// Whether output to fd gets ANSI colours for --color mode: "always" yes, "never" no, "auto"
// only on a terminal whose TERM is not "dumb" and when NO_COLOR is unset or empty
// (https://no-color.org). Throws util::UsageError for any other mode.
bool use_color(std::string_view mode, int fd);

} // namespace gradepost::report
