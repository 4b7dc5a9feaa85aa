#pragma once

#include "batch/observer.hpp"
#include "lti/gradebook_client.hpp"
#include "lti/make_score.hpp"
#include "lti/platform.hpp"
#include "model/outcome.hpp"
#include "model/plan.hpp"
#include "state/ledger.hpp"
#include "util/clock.hpp"

#include <optional>
#include <string>

namespace gradepost::batch {

// How a plan is executed.
struct ExecuteOptions {
    lti::Platform platform = lti::Platform::generic;
    lti::SendOptions send;
    bool verify = false;          // --verify: read results back
    std::size_t chunk_size = 500; // scores journaled, sent and recorded together
};

// The part of a plan a dry run reports: selected students as would_post, the rest skipped.
model::RunReport summarise_plan(const model::Plan& plan, bool is_dry_run);

// post → record → summarise. Each chunk of selected scores is marked pending in the ledger
// (committed) before it is sent and recorded after; answers that never came stay pending
// and are settled against the platform's results at the end. Stops between chunks when
// interrupted (util::is_interrupted). Throws on errors that end the run (token refused,
// platform gone).
model::RunReport execute(const model::Plan& plan, const state::Target& target,
                         state::Ledger& ledger, lti::GradebookClient& client, util::Clock& clock,
                         RunObserver& observer, const ExecuteOptions& options);

} // namespace gradepost::batch
