#pragma once

#include "model/attempt_keys.hpp"
#include "model/time.hpp"

#include <optional>
#include <string>
#include <vector>

namespace gradepost::model {

// A score as it was sent to a line item for one student.
struct SentScore {
    std::optional<double> given; // empty for a pending (ungraded) post
    std::optional<double> maximum;
    std::string comment;
    AttemptKeys attempt_keys; // attempts this post covered
    // Read from a ledger of an earlier release whose "fp:" keys covered the score: only a
    // changed score tells a new attempt (policy/select.cpp). Kept when the entry is rewritten.
    bool has_legacy_keys = false;
    Timestamp timestamp{};  // the AGS `timestamp` that was sent
    std::string attachment; // Canvas: digest of the file URL attached (lti/attachment.hpp)
};

enum class PostState {
    pending, // recorded before sending, no answer recorded yet: a later run must reconcile it
    posted,  // the platform answered 2xx
    failed,  // final failure; selected again next run
};

// What the ledger knows of one student on one line item.
struct LedgerEntry {
    std::string user_id;
    PostState state = PostState::posted;     // of the most recent post
    std::optional<SentScore> last_posted;    // the last post the platform accepted
    std::optional<SentScore> in_flight;      // the payload of a pending post, for reconciliation
    int http_status = 0;                     // of the most recent post (0: no answer)
    std::string error;                       // of the most recent failed post
    std::optional<Timestamp> last_timestamp; // the latest AGS timestamp ever sent, any state
};

} // namespace gradepost::model
