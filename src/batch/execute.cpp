#include "batch/execute.hpp"

#include "batch/early_stop.hpp"
#include "batch/ledger_writer.hpp"
#include "batch/reconcile.hpp"
#include "util/interrupt.hpp"
#include "util/log.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace gradepost::batch {

namespace {

// Why a selected score was not sent: an interruption came first. Not a failure: the ledger
// keeps no trace of it and the next run sends it.
constexpr std::string_view k_not_sent = "not sent: the run was interrupted";

model::Outcome outcome_of(const model::PlanEntry& entry, model::Action action) {
    model::Outcome outcome;
    outcome.user_id = entry.score.user_id;
    outcome.action = action;
    if (entry.score.kind == model::KeptKind::graded) {
        outcome.given = entry.score.given;
        outcome.maximum = entry.score.maximum;
    }
    if (action == model::Action::skipped || action == model::Action::would_post)
        outcome.reason = entry.reason;
    outcome.lms_score = entry.lms_score;
    outcome.lms_maximum = entry.lms_maximum;
    if (entry.previous && entry.previous->last_posted)
        outcome.last_posted_score = entry.previous->last_posted->given;
    outcome.overrides_lms_edit = entry.overrides_lms_edit;
    return outcome;
}

void count(model::RunReport& report) {
    auto& counts = report.counts;
    counts.students = report.scores.size();
    counts.posted = counts.failed = counts.skipped = counts.selected = 0;
    for (const auto& outcome : report.scores) {
        switch (outcome.action) {
        case model::Action::posted:
            ++counts.posted;
            ++counts.selected;
            break;
        case model::Action::would_post:
            ++counts.selected;
            break;
        case model::Action::failed:
            ++counts.failed;
            ++counts.selected;
            break;
        case model::Action::skipped:
            ++counts.skipped;
            break;
        }
    }
}

model::SentScore sent_score_of(const lti::Score& score, const model::KeptScore& kept) {
    model::SentScore sent;
    sent.given = score.score_given;
    sent.maximum = score.score_maximum;
    sent.comment = score.comment.value_or(kept.comment);
    sent.attempt_keys = kept.attempt_keys;
    sent.timestamp = score.timestamp;
    sent.attachment = score.canvas.attachment_digest;
    return sent;
}

// What became of a Canvas file: sent now (with Canvas's progress URLs) or attached before.
void note_attachment(model::Outcome& outcome, const lti::Score& score,
                     const lti::PostAnswer& answer) {
    if (score.canvas.file) {
        outcome.attachment = "attached";
        outcome.attachment_progress = answer.progress_urls;
    } else if (!score.canvas.attachment_digest.empty()) {
        outcome.attachment = "unchanged";
    }
}

// A score being sent; its lti::Score is at the same position of the scores posted.
struct Sending {
    std::size_t report_index; // into RunReport::scores
    const model::PlanEntry* entry;
};

// Settles posts whose answer never came by reading the platform's results; what cannot
// be read stays pending for the next run.
std::vector<state::PostResult> settle_unanswered(const std::vector<std::string>& users,
                                                 const state::Target& target, state::Ledger& ledger,
                                                 lti::GradebookClient& client) {
    if (users.empty())
        return {};
    auto entries = ledger.entries(target);
    std::map<std::string, model::LedgerEntry> unanswered;
    for (const auto& user : users)
        if (auto found = entries.find(user); found != entries.end())
            unanswered.insert(*found);
    try {
        auto results = client.results(target.line_item, std::nullopt);
        return reconcile(unanswered, results);
    } catch (const std::exception& error) {
        util::warn("could not read results to confirm {} unanswered posts ({}); the next run "
                   "will settle them",
                   users.size(), error.what());
        return {};
    }
}

void verify_posted(const std::vector<lti::Score>& scores,
                   std::map<std::string, model::Outcome*>& outcome_of_user,
                   const state::Target& target, state::Ledger& ledger,
                   lti::GradebookClient& client) {
    std::map<std::string, lti::Result> result_of;
    for (auto& result : client.results(target.line_item, std::nullopt))
        result_of[result.user_id] = std::move(result);
    std::vector<state::PostResult> ignored;
    for (const auto& score : scores) {
        auto* outcome = outcome_of_user[score.user_id];
        if (outcome->action != model::Action::posted)
            continue;
        auto found = result_of.find(score.user_id);
        // A pending post carries no score to compare.
        if (!score.score_given ||
            (found != result_of.end() &&
             result_holds(found->second, score.score_given, score.score_maximum)))
            continue;
        outcome->action = model::Action::failed;
        outcome->fault = model::Fault::refused;
        outcome->error = found == result_of.end() || !found->second.result_score
                             ? "accepted but not stored by the platform (--verify)"
                             : fmt::format("accepted but the platform holds {} (--verify)",
                                           *found->second.result_score);
        ignored.push_back({score.user_id, false, outcome->http_status, outcome->error});
    }
    ledger.record_results(target, ignored);
}

} // namespace

model::RunReport summarise_plan(const model::Plan& plan, bool is_dry_run) {
    model::RunReport report;
    report.command = is_dry_run ? "dry-run" : "post";
    report.dry_run = is_dry_run;
    report.line_item = plan.line_item_url;
    report.keep = plan.keep;
    report.select = plan.select;
    report.counts.rows = plan.rows;
    report.scores.reserve(plan.entries.size());
    for (const auto& entry : plan.entries)
        report.scores.push_back(outcome_of(entry, entry.is_selected ? model::Action::would_post
                                                                    : model::Action::skipped));
    count(report);
    return report;
}

model::RunReport execute(const model::Plan& plan, const state::Target& target,
                         state::Ledger& ledger, lti::GradebookClient& client, util::Clock& clock,
                         RunObserver& observer, const ExecuteOptions& options) {
    auto report = summarise_plan(plan, false);

    // Build every score first: timestamps strictly increase within the run, and a score the
    // platform would mishandle is skipped with the reason instead of sent.
    std::vector<Sending> sendings;
    std::vector<lti::Score> scores;
    model::Timestamp last_now{};
    for (std::size_t index = 0; index < plan.entries.size(); ++index) {
        const auto& entry = plan.entries[index];
        if (!entry.is_selected)
            continue;
        auto now = std::max(clock.now(), last_now + std::chrono::microseconds(1));
        last_now = now;
        bool is_override = entry.overrides_lms_edit || plan.select == "all";
        auto adapted = lti::make_score(entry.score, entry.previous.get(), now, options.platform,
                                       options.send, is_override);
        if (adapted.refusal) {
            report.scores[index] = outcome_of(entry, model::Action::skipped);
            report.scores[index].reason = *adapted.refusal;
            continue;
        }
        sendings.push_back({index, &entry});
        scores.push_back(std::move(adapted.score));
    }

    observer.posting_started(sendings.size());

    // Journal the intent before the first byte of a score leaves, so a crash loses nothing.
    // The ledger's commits run on a thread of their own (LedgerWriter), a chunk ahead: when a
    // chunk's first score is about to go, its intent is committed already and the next
    // chunk's is being written, so the pipeline never waits for the disk.
    LedgerWriter writer(ledger, target);
    std::vector<std::uint64_t> chunk_tickets;
    std::size_t journaled = 0; // scores whose intent is queued
    auto journal_chunk = [&] {
        auto chunk_end = std::min(journaled + options.chunk_size, sendings.size());
        std::vector<state::PendingScore> pending;
        pending.reserve(chunk_end - journaled);
        for (std::size_t i = journaled; i < chunk_end; ++i)
            pending.push_back(
                {scores[i].user_id, sent_score_of(scores[i], sendings[i].entry->score)});
        chunk_tickets.push_back(writer.journal(std::move(pending)));
        journaled = chunk_end;
    };
    auto journal_through = [&](std::size_t index) {
        auto chunk = index / options.chunk_size;
        while (chunk_tickets.size() <= chunk + 1 && journaled < sendings.size())
            journal_chunk();
        writer.wait_for(chunk_tickets[chunk]);
    };

    // Record what the platform answered, a chunk at a time; unanswered posts stay pending,
    // and the intent of scores an interruption or an early stop kept from being sent is
    // withdrawn.
    std::vector<std::string> unanswered;
    std::vector<std::string> not_sent;
    std::vector<state::PostResult> results;
    auto record = [&](std::size_t i, const lti::PostAnswer& answer) {
        observer.score_done();
        auto& outcome = report.scores[sendings[i].report_index];
        const auto& user_id = scores[i].user_id;
        outcome.http_status = answer.http_status;
        outcome.reason.clear();
        if (!answer.was_sent) {
            outcome.action = model::Action::skipped;
            outcome.reason = k_not_sent;
            if (i < journaled) // journaled with its chunk
                not_sent.push_back(user_id);
        } else if (answer.is_success) {
            outcome.action = model::Action::posted;
            note_attachment(outcome, scores[i], answer);
            results.push_back({user_id, true, answer.http_status, ""});
        } else {
            outcome.action = model::Action::failed;
            outcome.error = answer.error;
            outcome.fault = answer.fault;
            if (answer.may_have_been_applied)
                unanswered.push_back(user_id);
            else
                results.push_back({user_id, false, answer.http_status, answer.error});
        }
        if (results.size() >= options.chunk_size)
            writer.record(std::exchange(results, {}));
    };
    if (!sendings.empty() && !util::is_interrupted()) {
        // A course-level refusal of the first answers stops the run: the rest stay unsent.
        if (auto stop =
                post_with_early_stop(client, target.line_item, scores, record, journal_through)) {
            report.stopped_early = lti::explain(*stop);
            report.stop_reason = lti::to_string(*stop);
            for (std::size_t i = 0; i < sendings.size(); ++i)
                if (auto& outcome = report.scores[sendings[i].report_index];
                    outcome.action == model::Action::would_post) {
                    outcome = outcome_of(*sendings[i].entry, model::Action::skipped);
                    outcome.reason = "not sent: " + report.stop_reason;
                    if (i < journaled) // journaled with its chunk
                        not_sent.push_back(scores[i].user_id);
                }
        }
    } else
        for (auto& sending : sendings) {
            auto& outcome = report.scores[sending.report_index];
            outcome.action = model::Action::skipped;
            outcome.reason = k_not_sent;
        }
    writer.record(std::move(results));
    // From here the ledger is read and written on this thread again.
    writer.finish();
    ledger.withdraw_pending(target, not_sent);

    std::map<std::string, model::Outcome*> outcome_of_user;
    for (std::size_t i = 0; i < sendings.size(); ++i)
        outcome_of_user[scores[i].user_id] = &report.scores[sendings[i].report_index];

    // Posts whose answer never came: the platform's results say whether they landed.
    auto settled = settle_unanswered(unanswered, target, ledger, client);
    ledger.record_results(target, settled);
    for (const auto& result : settled) {
        if (result.is_posted) {
            outcome_of_user[result.user_id]->action = model::Action::posted;
            outcome_of_user[result.user_id]->error.clear();
            outcome_of_user[result.user_id]->fault = model::Fault::none;
        }
    }

    // The platform may answer 2xx and keep nothing (a capped or ignored score): read back.
    if (options.verify)
        verify_posted(scores, outcome_of_user, target, ledger, client);

    observer.posting_finished();
    report.interrupted = util::is_interrupted();
    count(report);
    return report;
}

} // namespace gradepost::batch
