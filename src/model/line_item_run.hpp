#pragma once

#include "model/outcome.hpp"
#include "model/request_counts.hpp"

#include <optional>
#include <string>
#include <vector>

namespace gradepost::model {

// One line item's part of a run over many (post --wide, sync): its report, or the error that
// ended it before there was one (lock held, label not found, ...).
struct LineItemRun {
    std::string job;   // sync's job name; empty for post --wide
    std::string label; // the line item's label, or its URL when it was given by URL
    int exit_code = 0;
    std::optional<RunReport> report;
    std::string error;
};

// A run over many line items, rendered by report/ as one table grouped by line item, --json
// or CSV.
struct GroupedReport {
    std::string command; // "post", "dry-run" or "sync"
    bool dry_run = false;
    int exit_code = 0; // the worst of the line items'
    std::vector<LineItemRun> runs;
    std::optional<RequestCounts> requests; // every connection's, summed
};

} // namespace gradepost::model
