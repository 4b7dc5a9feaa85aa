#pragma once

#include "http/message.hpp"
#include "http/verdict.hpp"
#include "model/outcome.hpp"

#include <string>

namespace gradepost::lti {

// What the platform said about a failed request, in one line: LTIAAS's `details.message`,
// the JSON body's `error` (string, or object with `message`), `errors[0].message`, `message`,
// `detail` or `error_description`; else a plain-text body (one line, shortened); else the
// status line's reason phrase (Moodle's errors come as an empty `[]` body with the message
// there); else "HTTP <status>".
std::string platform_message(const http::Response& response);

// The PostAnswer error of a score post that was not a 2xx: the platform's message with a hint
// for the known causes (not a student of the course, a newer score held by the platform,
// throttling, a missing scope) or, with no response, the transport's error.
std::string score_post_error(const http::Response& response);

// What a failed score post means for the run: the platform refused that score (a person must
// look), or the platform itself was down, throttling or unreachable (retry the run later).
model::Fault fault_of(http::Verdict verdict);

} // namespace gradepost::lti
