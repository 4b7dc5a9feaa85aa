#pragma once

#include "lti/resources.hpp"
#include "model/last_post.hpp"
#include "model/outcome.hpp"
#include "model/time.hpp"
#include "state/ledger.hpp"

#include <map>
#include <string>
#include <vector>

namespace gradepost::batch {

// `state adopt`: the LMS's current grades recorded as this ledger's last posts, to rebuild a
// lost ledger (or start a second one) from the platform. A student whose ledger entry already
// holds the LMS's grade is left as it is; results without a score are not adopted. Pure.
std::vector<state::PendingScore>
scores_to_adopt(const std::vector<lti::Result>& results,
                const std::map<std::string, model::LedgerEntry>& ledger, model::Timestamp now);

// adopt: what would be (dry run) or was recorded, one row per LMS result, as a report.
model::RunReport adopt(const state::Target& target, const std::vector<lti::Result>& results,
                       state::Ledger* ledger,
                       const std::map<std::string, model::LedgerEntry>& entries,
                       model::Timestamp now);

} // namespace gradepost::batch
