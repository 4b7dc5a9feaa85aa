#pragma once

#include "http/message.hpp"
#include "lti/course_refusal.hpp"
#include "model/outcome.hpp"

#include <optional>
#include <string>
#include <vector>

namespace gradepost::lti {

// The answer to one score POST.
struct PostAnswer {
    int http_status = 0;                     // 0: no response after the retries
    bool is_success = false;                 // any 2xx
    bool may_have_been_applied = false;      // no response, or an error after a send with no answer
    std::string error;                       // the platform's message, with a hint for known cases
    model::Fault fault = model::Fault::none; // for the exit code, when not a success
    bool was_sent = true;                    // false: interrupted before its first send
    std::optional<CourseRefusal> course_refusal; // a refusal that concerns the whole course
    // Canvas: the `progress` URL of each file content item, as the 2xx answer lists them.
    std::vector<std::string> progress_urls;
};

// The answer a score POST's final response makes, for every backend.
PostAnswer post_answer_of(const http::Response& response);

} // namespace gradepost::lti
