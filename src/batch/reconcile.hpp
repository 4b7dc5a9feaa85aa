#pragma once

#include "lti/gradebook_client.hpp"
#include "lti/resources.hpp"
#include "model/last_post.hpp"
#include "state/ledger.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gradepost::batch {

// Whether the platform's result holds this score: the one comparison of the LMS's value with
// a score, used by the three-way sync, crash reconciliation, --verify and diff. Platforms may
// rescale results to the line item's maximum (Moodle stores 8/10 as 80 on a 100-point item)
// and round them (two decimals), so fractions are compared when both sides carry a maximum,
// within half a hundredth of a point on the platform's scale.
bool result_holds(const lti::Result& result, std::optional<double> given,
                  std::optional<double> maximum);

// Settles posts an earlier run left pending (sent, or about to be, when it crashed or lost
// the connection) against the platform's results: a student whose result holds the pending
// score becomes posted; one whose result does not becomes failed, so selection posts it
// again. Pending posts without a score (Submitted/PendingManual) cannot be recognised and
// stay pending, which makes the next post send them again. Pure.
std::vector<state::PostResult> reconcile(const std::map<std::string, model::LedgerEntry>& entries,
                                         const std::vector<lti::Result>& results);

// Settles the pending entries (a crashed run's posts) against the line item's results:
// reads them only when something is pending. When they cannot be read, warns and returns
// nothing, so the pending posts are sent again. Never throws for the platform's sake.
std::vector<state::PostResult>
settle_pending(const std::map<std::string, model::LedgerEntry>& entries,
               const std::string& line_item_url, lti::GradebookClient& client);

// Applies results to ledger entries in memory, the same way the ledger records them; a
// dry run uses it to show the plan a post would make after reconciling.
void apply_results(std::map<std::string, model::LedgerEntry>& entries,
                   const std::vector<state::PostResult>& results);

} // namespace gradepost::batch
