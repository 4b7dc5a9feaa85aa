#pragma once

// JSON string literals (RFC 8259): quotes, backslashes and control characters are escaped
// (\n, \t, ... or \u00XX); other characters pass through as UTF-8. Invalid UTF-8 becomes
// U+FFFD, so the document stays valid whatever a server sent.

#include <string>
#include <string_view>

namespace gradepost::report {

// Appends text to out as a quoted JSON string.
void append_json_string(std::string& out, std::string_view text);

} // namespace gradepost::report
