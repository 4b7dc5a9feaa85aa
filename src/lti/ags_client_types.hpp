#pragma once

#include "http/message.hpp"
#include "model/outcome.hpp"

#include <string>

namespace gradepost::lti {

// The answer to one score POST.
struct PostAnswer {
    int http_status = 0;                     // 0: no response after the retries
    bool is_success = false;                 // any 2xx
    bool may_have_been_applied = false;      // no response, or an error after a send with no answer
    std::string error;                       // the platform's message, with a hint for known cases
    model::Fault fault = model::Fault::none; // for the exit code, when not a success
    bool was_sent = true;                    // false: interrupted before its first send
};

// The answer a score POST's final response makes, for every backend.
PostAnswer post_answer_of(const http::Response& response);

} // namespace gradepost::lti
