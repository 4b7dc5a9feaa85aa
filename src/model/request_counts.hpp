#pragma once

namespace gradepost::model {

// The requests a run made, for users who wonder where the time or the token went (-v, --json).
struct RequestCounts {
    int token_requests = 0;
    int score_posts = 0;           // score requests sent (a resend after a 401 counts again)
    int sends = 0;                 // every request on the wire, retries included
    int retries = 0;               // sends after the first of their request (429, 5xx, no answer)
    int unauthorized = 0;          // 401 answers (expired or revoked tokens)
    int throttled = 0;             // 429 and Canvas's 403 "Rate Limit Exceeded"
    double pacer_wait_seconds = 0; // held back by the pacer with a connection free
};

} // namespace gradepost::model
