#pragma once

#include "batch/observer.hpp"
#include "batch/plan.hpp"
#include "batch/platform_port.hpp"
#include "lti/make_score.hpp"
#include "model/outcome.hpp"
#include "util/clock.hpp"

#include <chrono>
#include <filesystem>

namespace gradepost::batch {

// One post or dry run, as the command line (or a sync job, or a watch cycle) asks for it.
struct PostRequest {
    PlanRequest plan;                   // files, reading, score to keep, selection, matching
    std::filesystem::path ledger;       // the state database
    bool is_dry_run = false;            // plan and report; post and write nothing
    bool is_offline = false;            // dry run only: contact nothing, read the ledger only
    bool is_override_confirmed = false; // --yes: overriding hand edits needs no question
    bool is_forced = false;             // --force: new/changed also overwrite hand edits
    bool trusts_ledger = false;         // --trust-ledger: do not read the gradebook first
    lti::SendOptions send;              // how each score is sent
    bool verify = false;                // --verify: read results back after posting
    std::chrono::seconds wait_lock{0};  // --wait-lock
    std::filesystem::path plan_out;     // dry run --plan-out: where the reviewed plan goes
    std::filesystem::path plan_file;    // post --plan: post exactly this plan, no input files
    bool scales_to_line_item = false;   // --scale-to-line-item: rescale to the line item's max
};

// The post use case: read and validate → lock → open the ledger → read the gradebook →
// settle what a crash left → plan (three-way) → stop here for a dry run → approve
// overrides → post → record → summarise. Throws
// util errors for what ends the run (bad input before anything is contacted, lock held,
// token refused, platform gone); what concerns one student is a row of the report.
model::RunReport run_post(const PostRequest& request, PlatformPort& platform, util::Clock& clock,
                          RunObserver& observer);

// post --plan: lock → ledger → read the gradebook → settle → the plan's entries, each skipped
// ("changed in the LMS since the plan") when the LMS no longer holds what the plan saw →
// post → record. A plan that fails its digest, has an unknown version or was made for another
// platform throws util::UsageError before anything is contacted or written.
model::RunReport run_planned_post(const PostRequest& request, PlatformPort& platform,
                                  util::Clock& clock, RunObserver& observer);

} // namespace gradepost::batch
