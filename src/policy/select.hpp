#pragma once

#include "model/kept_score.hpp"
#include "model/last_post.hpp"
#include "model/plan.hpp"

#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// Selection against the ledger, per student, first rule that applies (reasons are part of the
// output contract: the report and --json show them):
// 1. kind excused: skipped "excused"; kind not_graded: skipped "not graded yet".
// 2. in --exclude: skipped "excluded"; --only given and not in it: skipped "not in --only".
// 3. the ledger holds an unconfirmed (pending) post: selected "unconfirmed earlier post"; the
//    batch reconciles it before posting.
// 4. all: selected "all".
// 5. no successful post yet: selected "new".
// 6. kind pending (--post-pending): selected "retry" after a failure, else skipped "already
//    posted" (a pending post never replaces an accepted one, which could clear a grade).
// 7. new: an attempt key missing from the last post: selected "new attempt"; else "retry" after
//    a failure; else skipped "already posted". A re-exported file has the same keys.
//    changed: given or maximum differ from the last post (relative tolerance 1e-9, at least
//    1e-9 absolute): selected "changed"; else "retry" after a failure; else skipped "unchanged".

namespace gradepost::policy {

enum class Select { fresh, changed, all }; // --select new|changed|all

// "new", "changed" or "all"; nullopt for anything else.
std::optional<Select> parse_select(std::string_view name);
std::string_view to_string(Select select);

struct SelectOptions {
    Select select = Select::fresh;
    std::set<std::string> only;    // --only USER (empty: everyone)
    std::set<std::string> exclude; // --exclude USER
};

// Decides, for each kept score, whether it is posted, against what the ledger says was
// last posted for that student. Every student appears once, selected or with the reason
// it is skipped. Pure.
std::vector<model::PlanEntry> select_scores(std::span<const model::KeptScore> kept,
                                            const std::map<std::string, model::LedgerEntry>& ledger,
                                            const SelectOptions& options);
// The same, moving the kept scores into the plan (a hundred thousand students' attempt keys
// are tens of megabytes); `kept` is left empty.
std::vector<model::PlanEntry> select_scores(std::vector<model::KeptScore>&& kept,
                                            const std::map<std::string, model::LedgerEntry>& ledger,
                                            const SelectOptions& options);

} // namespace gradepost::policy
