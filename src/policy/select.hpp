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

namespace gradepost::policy {

enum class Select { fresh, changed, all }; // --select new|changed|all

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
std::vector<model::PlanEntry>
select_scores(std::span<const model::KeptScore> kept,
              const std::map<std::string, model::LedgerEntry>& ledger,
              const SelectOptions& options);

} // namespace gradepost::policy
