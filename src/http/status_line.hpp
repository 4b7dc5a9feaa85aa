#pragma once

#include <string>
#include <string_view>

namespace gradepost::http {

// Whether a response header line is a status line ("HTTP/1.1 200 OK", "HTTP/2 200").
bool is_status_line(std::string_view line);

// The reason phrase of a status line, trailing CR/LF removed: "Message here" for
// "HTTP/1.1 400 Message here" (Moodle's errors travel there); empty when there is none,
// as in HTTP/2.
std::string reason_phrase(std::string_view status_line);

} // namespace gradepost::http
