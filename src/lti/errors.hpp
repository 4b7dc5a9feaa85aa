#pragma once

#include "http/message.hpp"

#include <string>

namespace gradepost::lti {

// What the platform said about a failed request, in one line: the JSON body's `error`
// (string, or object with `message`), `errors[0].message`, `message`, `detail` or
// `error_description`; else a plain-text body (one line, shortened); else the status line's
// reason phrase (Moodle's errors come as an empty `[]` body with the message there); else
// "HTTP <status>".
std::string platform_message(const http::Response& response);

// Canvas throttling (403 "Rate Limit Exceeded"), which the transport retries; a 403 that is
// still this after the retries means "too fast", not "forbidden".
bool is_rate_limited(const http::Response& response);

// The PostAnswer error of a score post that was not a 2xx: the platform's message with a hint
// for the known causes (not a student of the course, a newer score held by the platform,
// throttling, a missing scope) or, with no response, the transport's error.
std::string score_post_error(const http::Response& response);

} // namespace gradepost::lti
