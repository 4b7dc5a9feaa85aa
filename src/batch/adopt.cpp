#include "batch/adopt.hpp"

#include "batch/reconcile.hpp"

#include <set>

namespace gradepost::batch {

std::vector<state::PendingScore>
scores_to_adopt(const std::vector<lti::Result>& results,
                const std::map<std::string, model::LedgerEntry>& ledger, model::Timestamp now) {
    std::vector<state::PendingScore> adopted;
    for (const auto& result : results) {
        if (!result.result_score)
            continue;
        auto found = ledger.find(result.user_id);
        if (found != ledger.end() && found->second.last_posted &&
            result_holds(result, found->second.last_posted->given,
                         found->second.last_posted->maximum))
            continue;
        model::SentScore score;
        score.given = result.result_score;
        score.maximum = result.result_maximum;
        score.comment = result.comment;
        score.timestamp = now;
        adopted.push_back({result.user_id, std::move(score)});
    }
    return adopted;
}

model::RunReport adopt(const state::Target& target, const std::vector<lti::Result>& results,
                       state::Ledger* ledger,
                       const std::map<std::string, model::LedgerEntry>& entries,
                       model::Timestamp now) {
    auto adopted = scores_to_adopt(results, entries, now);
    if (ledger && !adopted.empty()) {
        // Through the journal, as a post would be: pending, then recorded as accepted.
        ledger->mark_pending(target, adopted);
        std::vector<state::PostResult> recorded;
        for (const auto& score : adopted)
            recorded.push_back({score.user_id, true, 0, ""});
        ledger->record_results(target, recorded);
    }

    model::RunReport report;
    report.command = "state adopt";
    report.dry_run = ledger == nullptr;
    report.line_item = target.line_item;
    std::set<std::string> is_adopted;
    for (const auto& score : adopted)
        is_adopted.insert(score.user_id);
    for (const auto& result : results) {
        model::Outcome outcome;
        outcome.user_id = result.user_id;
        outcome.given = result.result_score;
        outcome.maximum = result.result_maximum;
        outcome.lms_score = result.result_score;
        outcome.lms_maximum = result.result_maximum;
        if (is_adopted.contains(result.user_id)) {
            outcome.action = ledger ? model::Action::posted : model::Action::would_post;
            outcome.reason = "adopted from the LMS";
            ++report.counts.selected;
            report.counts.posted += ledger != nullptr;
        } else {
            outcome.action = model::Action::skipped;
            outcome.reason = result.result_score ? "already in the ledger" : "no grade in the LMS";
            ++report.counts.skipped;
        }
        report.scores.push_back(std::move(outcome));
    }
    report.counts.students = report.scores.size();
    return report;
}

} // namespace gradepost::batch
