#pragma once

#include "model/kept_score.hpp"
#include "model/last_post.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gradepost::model {

// One student in a plan: selected to be posted, or skipped with the reason.
struct PlanEntry {
    KeptScore score;
    bool is_selected = false;
    std::string reason; // why skipped ("already posted", "not graded yet", "excused", "excluded",
                        // "not in --only") or why selected ("new", "changed", "all", "retry")
    // The ledger's entry for this student, null when there is none. Shared rather than held:
    // an entry is ~400 bytes, and a plan of 100,000 students would carry 40 MB of them.
    std::shared_ptr<const LedgerEntry> previous;
    // What the LMS held when the plan was made (three-way sync); empty when it holds no grade
    // or was not read (--trust-ledger, --offline).
    std::optional<double> lms_score;
    std::optional<double> lms_maximum;
    bool is_lms_edited = false;      // the LMS holds a grade that is not what gradepost last posted
    bool overrides_lms_edit = false; // selected although edited (--force, --select all)
};

// Everything a post would do, made without changing anything. A dry run prints it; a post
// executes it.
struct Plan {
    std::string platform; // the ledger's key for the platform: token URL and client id
    std::string line_item_url;
    std::string keep;   // policy name, for the report
    std::string select; // selection name, for the report
    std::size_t rows = 0;
    std::vector<PlanEntry> entries; // one per student, in order of first appearance
};

} // namespace gradepost::model
