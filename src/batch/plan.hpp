#pragma once

#include "batch/match_students.hpp"
#include "input/read_options.hpp"
#include "model/kept_score.hpp"
#include "model/last_post.hpp"
#include "model/plan.hpp"
#include "model/roster.hpp"
#include "policy/keep.hpp"
#include "policy/select.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gradepost::batch {

// What a post or dry run was asked to do, from the command line.
struct PlanRequest {
    std::vector<std::filesystem::path> files;
    input::ReadOptions read;
    policy::KeepOptions keep;
    policy::SelectOptions select;
    std::optional<MatchField> match; // looked up in the roster
};

// The kept scores of the input files, before any selection.
struct KeptScores {
    std::size_t rows = 0;
    std::vector<model::KeptScore> kept;
    std::vector<Unmatched> unmatched;
};

// read → validate → match → keep. Needs no state and no network, so bad input stops the
// run before anything is contacted or written. Throws util::UsageError listing every bad
// row (unless --skip-invalid, which warns and drops them).
KeptScores read_and_keep(const PlanRequest& request, const model::Roster& roster);

// select: who is posted, against what the ledger says was posted before. Changes nothing:
// a dry run is this and a print. The kept scores move into the plan.
model::Plan make_plan(const PlanRequest& request, KeptScores&& scores,
                      const std::map<std::string, model::LedgerEntry>& ledger,
                      const std::string& line_item_url);

} // namespace gradepost::batch
