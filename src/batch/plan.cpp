#include "batch/plan.hpp"

#include "input/read_attempts.hpp"
#include "util/log.hpp"

namespace gradepost::batch {

KeptScores read_and_keep(const PlanRequest& request, const model::Roster& roster) {
    KeptScores scores;

    // Read every file and validate every row before anything else happens.
    auto read = input::read_attempt_files(request.files, request.read);
    for (const auto& diagnostic : read.errors)
        util::warn("{} (row skipped)", input::format_diagnostic(diagnostic));
    scores.rows = read.rows;

    // Exports that name students by email, SIS id or name are mapped to LTI user ids.
    if (request.match) {
        auto matched = match_students(read.attempts, roster, *request.match);
        read.attempts = std::move(matched.attempts);
        scores.unmatched = std::move(matched.unmatched);
    }

    // One score per student, by the score-to-keep policy.
    scores.kept = policy::keep_scores(read.attempts, request.keep);
    return scores;
}

model::Plan make_plan(const PlanRequest& request, KeptScores&& scores,
                      const std::map<std::string, model::LedgerEntry>& ledger,
                      const std::string& line_item_url) {
    model::Plan plan;
    plan.line_item_url = line_item_url;
    plan.keep = policy::to_string(request.keep.keep);
    plan.select = policy::to_string(request.select.select);
    plan.rows = scores.rows;
    plan.entries = policy::select_scores(std::move(scores.kept), ledger, request.select);

    // Students the roster does not know are reported, never guessed.
    for (const auto& student : scores.unmatched) {
        model::PlanEntry entry;
        entry.score.user_id = student.value;
        entry.score.kind = model::KeptKind::not_graded;
        entry.reason = "not in the roster";
        plan.entries.push_back(std::move(entry));
    }
    return plan;
}

} // namespace gradepost::batch
