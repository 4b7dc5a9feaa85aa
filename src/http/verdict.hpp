#pragma once

#include "http/message.hpp"

namespace gradepost::http {

// What a finished send means. The one place where statuses are read for their meaning:
// the transport retries on it, the LTI client turns it into errors and answers, and the
// run's exit code follows from it.
enum class Verdict {
    success,      // any 2xx
    transient,    // 500, 502, 503, 504, or no answer: worth sending again
    throttled,    // 429, or Canvas's 403 "Rate Limit Exceeded" (any case): slow down, resend
    unauthorized, // 401: the token expired or was revoked
    refused,      // any other 4xx: the platform refused this request for its own sake
    failed,       // any other status: the platform failed without saying it is transient
    unreachable,  // no response and not worth repeating: TLS, URL, unknown host
};

// The verdict on a response, or on a send that ended with `failure` (by default the
// response's own) and no response. Status 0 with no failure known: transient.
Verdict classify(const Response& response, Failure failure = Failure::none);

// Whether a send with this verdict is worth repeating (after a delay).
inline bool is_retryable(Verdict verdict) {
    return verdict == Verdict::transient || verdict == Verdict::throttled;
}

} // namespace gradepost::http
