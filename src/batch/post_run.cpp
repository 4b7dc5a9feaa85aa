#include "batch/post_run.hpp"

#include "batch/execute.hpp"
#include "batch/reconcile.hpp"
#include "state/ledger.hpp"
#include "state/run_lock.hpp"
#include "util/error.hpp"
#include "util/log.hpp"

namespace gradepost::batch {

namespace {

// What the ledger says of the line item, with a crashed run's unconfirmed posts settled in
// memory against the platform's results; nothing is written (dry runs).
std::map<std::string, model::LedgerEntry> entries_as_settled(const PostRequest& request,
                                                             const state::Target& target,
                                                             PlatformPort& platform) {
    auto entries = state::Ledger::open_read_only(request.ledger).entries(target);
    if (!request.is_offline)
        apply_results(entries, settle_pending(entries, target.line_item, platform.client()));
    return entries;
}

// The students whose grade the plan may overwrite although it was perhaps set by hand.
std::size_t overrides_in(const model::Plan& plan, const PostRequest& request) {
    if (request.plan.select.select != policy::Select::all)
        return 0;
    std::size_t count = 0;
    for (const auto& entry : plan.entries)
        count += entry.is_selected;
    return count;
}

} // namespace

model::RunReport run_post(const PostRequest& request, PlatformPort& platform, util::Clock& clock,
                          RunObserver& observer) {
    // The roster (read-only), then every row validated, before anything else is contacted.
    model::Roster roster;
    if (request.plan.match && *request.plan.match != MatchField::user_id)
        roster = platform.roster();
    auto scores = read_and_keep(request.plan, roster);

    // The line item: given, found, or created now that the input is known to be good.
    std::string line_item = platform.line_item();

    // A dry run plans against the ledger as a post would find it, and stops there.
    if (request.is_dry_run) {
        std::map<std::string, model::LedgerEntry> entries;
        if (!line_item.empty())
            entries = entries_as_settled(request, {platform.platform_key(), line_item}, platform);
        return summarise_plan(make_plan(request.plan, scores, entries, line_item), true);
    }

    // One run per line item at a time, so no score is posted twice by overlapping runs.
    state::Target target{platform.platform_key(), line_item};
    auto lock = state::RunLock::acquire(request.ledger, target, request.wait_lock);
    auto ledger = state::Ledger::open(request.ledger);

    // A crashed run's unconfirmed posts are settled first: posted if the platform holds them,
    // failed (so selected again) if not.
    auto settled = settle_pending(ledger.entries(target), line_item, platform.client());
    if (!settled.empty()) {
        ledger.record_results(target, settled);
        observer.settled(settled.size());
    }

    // Who is posted, against what the ledger now says.
    auto plan = make_plan(request.plan, scores, ledger.entries(target), line_item);

    // Grades perhaps set by hand are overwritten only with a yes.
    if (auto overrides = overrides_in(plan, request); overrides > 0 &&
                                                      !request.is_override_confirmed &&
                                                      !observer.approve_overrides(plan, overrides))
        throw util::UsageError("--select all overrides grades changed by hand in the LMS; "
                               "pass --yes to confirm");

    // post → record → summarise.
    ExecuteOptions options{platform.platform(), request.send, request.verify};
    return execute(plan, target, ledger, platform.client(), clock, observer, options);
}

} // namespace gradepost::batch
