#include "policy/select.hpp"

#include <algorithm>
#include <cmath>

namespace gradepost::policy {

namespace {

using model::KeptKind;
using model::KeptScore;
using model::LedgerEntry;
using model::PostState;
using model::SentScore;

struct Decision {
    bool is_selected;
    const char* reason;
};

constexpr Decision selected(const char* reason) {
    return {true, reason};
}
constexpr Decision skipped(const char* reason) {
    return {false, reason};
}

// Scores travel through text exports and JSON, so equal grades may differ in the last bits.
bool is_same_number(double left, double right) {
    return std::abs(left - right) <= 1e-9 * std::max({std::abs(left), std::abs(right), 1.0});
}

bool is_same_score(const KeptScore& kept, const SentScore& sent) {
    return sent.given && sent.maximum && is_same_number(kept.given, *sent.given) &&
           is_same_number(kept.maximum, *sent.maximum);
}

bool has_new_attempt(const KeptScore& kept, const SentScore& sent) {
    // Both sorted: is there a key of this run's that the post did not cover?
    const auto keys = kept.attempt_keys.to_vector();
    const auto covered = sent.attempt_keys.to_vector();
    return !std::includes(covered.begin(), covered.end(), keys.begin(), keys.end());
}

Decision decide(const KeptScore& kept, const LedgerEntry* previous, const SelectOptions& options) {
    if (kept.kind == KeptKind::excused)
        return skipped("excused");
    if (kept.kind == KeptKind::not_graded)
        return skipped("not graded yet");
    if (options.exclude.contains(kept.user_id))
        return skipped("excluded");
    if (!options.only.empty() && !options.only.contains(kept.user_id))
        return skipped("not in --only");
    if (previous && previous->state == PostState::pending)
        return selected("unconfirmed earlier post");
    if (options.select == Select::all)
        return selected("all");
    if (!previous || !previous->last_posted)
        return selected("new");

    const SentScore& last = *previous->last_posted;
    const bool has_failed = previous->state == PostState::failed;
    if (kept.kind == KeptKind::pending)
        return has_failed ? selected("retry") : skipped("already posted");
    if (options.select == Select::fresh) {
        if (!last.given) // what was posted was Submitted/PendingManual, without a score
            return selected("now graded");
        if (last.has_legacy_keys ? !is_same_score(kept, last) : has_new_attempt(kept, last))
            return selected("new attempt");
        return has_failed ? selected("retry") : skipped("already posted");
    }
    if (!is_same_score(kept, last))
        return selected("changed");
    return has_failed ? selected("retry") : skipped("unchanged");
}

} // namespace

std::optional<Select> parse_select(std::string_view name) {
    for (Select select : {Select::fresh, Select::changed, Select::all})
        if (to_string(select) == name)
            return select;
    return std::nullopt;
}

std::string_view to_string(Select select) {
    switch (select) {
    case Select::fresh:
        return "new";
    case Select::changed:
        return "changed";
    case Select::all:
        return "all";
    }
    return "new";
}

namespace {

model::PlanEntry plan_entry(KeptScore score, const std::map<std::string, LedgerEntry>& ledger,
                            const SelectOptions& options) {
    model::PlanEntry entry;
    entry.score = std::move(score);
    if (auto found = ledger.find(entry.score.user_id); found != ledger.end())
        entry.previous = std::make_shared<const LedgerEntry>(found->second);
    Decision decision = decide(entry.score, entry.previous.get(), options);
    entry.is_selected = decision.is_selected;
    entry.reason = decision.reason;
    return entry;
}

} // namespace

std::vector<model::PlanEntry> select_scores(std::span<const KeptScore> kept,
                                            const std::map<std::string, LedgerEntry>& ledger,
                                            const SelectOptions& options) {
    std::vector<model::PlanEntry> plan;
    plan.reserve(kept.size());
    for (const KeptScore& score : kept)
        plan.push_back(plan_entry(score, ledger, options));
    return plan;
}

std::vector<model::PlanEntry> select_scores(std::vector<KeptScore>&& kept,
                                            const std::map<std::string, LedgerEntry>& ledger,
                                            const SelectOptions& options) {
    std::vector<model::PlanEntry> plan;
    plan.reserve(kept.size());
    for (KeptScore& score : kept)
        plan.push_back(plan_entry(std::move(score), ledger, options));
    kept.clear();
    kept.shrink_to_fit();
    return plan;
}

} // namespace gradepost::policy
