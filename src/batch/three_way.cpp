#include "batch/three_way.hpp"

#include "batch/reconcile.hpp"

#include <map>

namespace gradepost::batch {

namespace {

bool is_edited(const lti::Result& result, const model::LedgerEntry* previous) {
    if (!previous || !previous->last_posted || !previous->last_posted->given)
        return true; // a grade gradepost never posted
    return !result_holds(result, previous->last_posted->given, previous->last_posted->maximum);
}

} // namespace

void check_against_lms(std::vector<model::PlanEntry>& entries,
                       const std::vector<lti::Result>& results, policy::Select select,
                       bool is_forced) {
    std::map<std::string, const lti::Result*> result_of;
    for (const auto& result : results)
        result_of[result.user_id] = &result;

    for (auto& entry : entries) {
        auto found = result_of.find(entry.score.user_id);
        if (found == result_of.end() || !found->second->result_score)
            continue;
        const lti::Result& result = *found->second;
        entry.lms_score = result.result_score;
        entry.lms_maximum = result.result_maximum;
        entry.is_lms_edited = is_edited(result, entry.previous.get());
        if (!entry.is_selected) {
            // Nothing new to post, but the LMS no longer holds what was posted: say so.
            if (entry.is_lms_edited &&
                (entry.reason == "already posted" || entry.reason == "unchanged"))
                entry.reason = "edited in the LMS";
            continue;
        }

        bool is_graded = entry.score.kind == model::KeptKind::graded;
        if (select != policy::Select::all && is_graded &&
            result_holds(result, entry.score.given, entry.score.maximum)) {
            entry.is_selected = false;
            entry.reason = "already in the LMS";
        } else if (entry.is_lms_edited && (select == policy::Select::all || is_forced)) {
            entry.overrides_lms_edit = true;
        } else if (entry.is_lms_edited) {
            entry.is_selected = false;
            entry.reason = "edited in the LMS";
        }
    }
}

} // namespace gradepost::batch
