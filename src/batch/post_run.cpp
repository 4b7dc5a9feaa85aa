#include "batch/post_run.hpp"

#include "batch/execute.hpp"
#include "batch/maximum_mismatch.hpp"
#include "batch/plan_file.hpp"
#include "batch/reconcile.hpp"
#include "batch/scale_to_line_item.hpp"
#include "batch/three_way.hpp"
#include "state/ledger.hpp"
#include "state/run_lock.hpp"
#include "util/error.hpp"
#include "util/log.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace gradepost::batch {

namespace {

// The line item's results as the LMS holds them now, read once per run; nothing with
// --trust-ledger or --offline. A platform that will not show them stops the run (exit 3):
// posting blind would overwrite grades set by hand.
std::optional<std::vector<lti::Result>>
read_gradebook(const PostRequest& request, PlatformPort& platform, const std::string& line_item) {
    if (request.trusts_ledger || request.is_offline || line_item.empty())
        return std::nullopt;
    try {
        return platform.client().results(line_item, std::nullopt);
    } catch (const util::ConfigError& error) {
        throw util::ConfigError(fmt::format(
            "cannot read the gradebook before posting ({}); gradepost reads the line item's "
            "results so that grades changed by hand in the LMS are not overwritten. Grant the "
            "tool the scope https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly, or "
            "pass --trust-ledger to rely on the ledger alone (hand edits are then overwritten)",
            error.what()));
    }
}

// A crashed run's unconfirmed posts, settled against the gradebook when it was read, else
// against results read for the purpose (or left to be posted again when they cannot be).
std::vector<state::PostResult> settle(const std::map<std::string, model::LedgerEntry>& entries,
                                      const std::optional<std::vector<lti::Result>>& gradebook,
                                      const std::string& line_item, PlatformPort& platform) {
    if (gradebook)
        return reconcile(entries, *gradebook);
    return settle_pending(entries, line_item, platform.client());
}

// The export's maximum against the line item's, when it is known without asking (found or
// created by label; a line item given by URL would need a request the token may have no
// scope for, and results carry the maximum each score was posted with, not the line item's):
// a difference the platform would rescale silently is said before anything is posted.
void warn_on_maximum_mismatch(const KeptScores& scores, PlatformPort& platform) {
    if (auto maximum = platform.line_item_maximum())
        if (auto warning = maximum_mismatch(scores, *maximum))
            util::warn("{}", *warning);
}

// Who is posted: the selection against the ledger, then against the gradebook.
model::Plan plan_against(const PostRequest& request, KeptScores&& scores,
                         const std::map<std::string, model::LedgerEntry>& entries,
                         const std::optional<std::vector<lti::Result>>& gradebook,
                         const std::string& line_item) {
    auto plan = make_plan(request.plan, std::move(scores), entries, line_item);
    if (gradebook)
        check_against_lms(plan.entries, *gradebook, request.plan.select.select, request.is_forced);
    return plan;
}

// Students whose hand-set grade the plan overwrites; with --select all, whatever the LMS
// holds may be a hand edit, so anything selected counts.
bool needs_approval(const model::Plan& plan, const PostRequest& request,
                    std::vector<std::string>& edited) {
    bool is_any_selected = false;
    for (const auto& entry : plan.entries) {
        is_any_selected = is_any_selected || entry.is_selected;
        if (entry.is_selected && entry.overrides_lms_edit)
            edited.push_back(entry.score.user_id);
    }
    if (request.is_override_confirmed)
        return false;
    if (request.plan.select.select == policy::Select::all)
        return is_any_selected;
    return !edited.empty();
}

// Whether the LMS still holds what the plan saw for this student (nothing, or that grade).
bool is_as_planned(const model::PlanEntry& entry, const std::map<std::string, lti::Result>& now) {
    auto found = now.find(entry.score.user_id);
    bool has_grade_now = found != now.end() && found->second.result_score;
    if (!entry.lms_score || !has_grade_now)
        return !entry.lms_score && !has_grade_now;
    return result_holds(found->second, entry.lms_score, entry.lms_maximum);
}

void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out)
        throw util::UsageError("cannot write " + path.string());
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw util::UsageError("cannot read the plan " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
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
    if (request.scales_to_line_item) {
        if (line_item.empty() || request.is_offline)
            throw util::UsageError("--scale-to-line-item reads the line item's scoreMaximum: "
                                   "not with --offline");
        auto maximum = platform.line_item_maximum();
        scale_to_line_item(
            scores, maximum ? *maximum : platform.client().get_line_item(line_item).score_maximum);
    }

    // A dry run plans as a post would, from the ledger as it is, and stops there.
    if (request.is_dry_run) {
        std::map<std::string, model::LedgerEntry> entries;
        if (!line_item.empty())
            entries = state::Ledger::open_read_only(request.ledger)
                          .entries({platform.platform_key(), line_item});
        auto gradebook = read_gradebook(request, platform, line_item);
        warn_on_maximum_mismatch(scores, platform);
        if (!request.is_offline && !line_item.empty())
            apply_results(entries, settle(entries, gradebook, line_item, platform));
        auto plan = plan_against(request, std::move(scores), entries, gradebook, line_item);
        if (!request.plan_out.empty()) {
            if (line_item.empty())
                throw util::UsageError("--plan-out needs the line item: give --line-item or "
                                       "--label (a plan is made for one line item)");
            plan.platform = platform.platform_key();
            write_file(request.plan_out, write_plan(plan, clock.now()));
        }
        return summarise_plan(plan, true);
    }

    // One run per line item at a time, so no score is posted twice by overlapping runs.
    state::Target target{platform.platform_key(), line_item};
    auto lock = state::RunLock::acquire(request.ledger, target, request.wait_lock);
    auto ledger = state::Ledger::open(request.ledger);

    // The gradebook as it is now: it settles a crashed run and shows hand edits.
    auto gradebook = read_gradebook(request, platform, line_item);
    warn_on_maximum_mismatch(scores, platform);

    // A crashed run's unconfirmed posts are settled first: posted if the platform holds them,
    // failed (so selected again) if not.
    auto settled = settle(ledger.entries(target), gradebook, line_item, platform);
    if (!settled.empty()) {
        ledger.record_results(target, settled);
        observer.settled(settled.size());
    }

    // Who is posted, against the ledger and the gradebook (three-way).
    auto plan =
        plan_against(request, std::move(scores), ledger.entries(target), gradebook, line_item);

    // Grades set by hand are overwritten only with a yes that names them.
    std::vector<std::string> edited;
    if (needs_approval(plan, request, edited) && !observer.approve_overrides(plan, edited))
        throw util::UsageError("overwriting grades changed by hand in the LMS needs a yes; "
                               "pass --yes to confirm");

    // post → record → summarise.
    ExecuteOptions options{platform.platform(), request.send, request.verify};
    return execute(plan, target, ledger, platform.client(), clock, observer, options);
}

model::RunReport run_planned_post(const PostRequest& request, PlatformPort& platform,
                                  util::Clock& clock, RunObserver& observer) {
    // The reviewed plan, checked whole before anything is contacted or written.
    auto plan = read_plan(read_file(request.plan_file), request.plan_file.string());
    if (plan.platform != platform.platform_key())
        throw util::UsageError(fmt::format("{} was made for the platform {}, not {}",
                                           request.plan_file.string(), plan.platform,
                                           platform.platform_key()));

    // One run per line item at a time.
    state::Target target{plan.platform, plan.line_item_url};
    auto lock = state::RunLock::acquire(request.ledger, target, request.wait_lock);
    auto ledger = state::Ledger::open(request.ledger);

    // The gradebook as it is now: it settles a crashed run and shows what moved since the plan.
    auto gradebook = read_gradebook(request, platform, plan.line_item_url);
    auto settled = settle(ledger.entries(target), gradebook, plan.line_item_url, platform);
    if (!settled.empty()) {
        ledger.record_results(target, settled);
        observer.settled(settled.size());
    }

    // Exactly the reviewed entries; one whose LMS grade moved since the plan is left alone.
    std::map<std::string, lti::Result> now;
    if (gradebook)
        for (const auto& result : *gradebook)
            now[result.user_id] = result;
    auto entries = ledger.entries(target);
    bool is_stale = false;
    for (auto& entry : plan.entries) {
        auto previous = entries.find(entry.score.user_id);
        entry.previous = previous == entries.end()
                             ? nullptr
                             : std::make_shared<const model::LedgerEntry>(previous->second);
        if (entry.is_selected && gradebook && !is_as_planned(entry, now)) {
            entry.is_selected = false;
            entry.reason = "changed in the LMS since the plan";
            is_stale = true;
        }
    }

    // post → record → summarise.
    ExecuteOptions options{platform.platform(), request.send, request.verify};
    auto report = execute(plan, target, ledger, platform.client(), clock, observer, options);
    report.is_plan_stale = is_stale;
    return report;
}

} // namespace gradepost::batch
