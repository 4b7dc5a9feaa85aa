#pragma once

#include "cli/command.hpp"
#include "model/line_item_run.hpp"

#include <optional>
#include <string>
#include <vector>

namespace gradepost::cli {

// The exit code of a run over many line items: the worst of theirs, configuration first, then
// unreachable, bad input, a line item locked by another run, some scores failed; 130 when
// interrupted (what was not sent stays unsent, the ledger is committed).
int worst_exit_code(const std::vector<model::LineItemRun>& runs, bool is_interrupted);

// Two connections' requests as one count.
std::optional<model::RequestCounts>
add_request_counts(std::optional<model::RequestCounts> sum,
                   const std::optional<model::RequestCounts>& more);

// The report of a run over many line items: one JSON document with --json, else one table
// grouped by line item (unless --quiet); and every student's row as CSV in `report_file` when
// one is given (--report).
void show_grouped_report(const GlobalOptions& globals, const model::GroupedReport& report,
                         const std::string& report_file = {});

} // namespace gradepost::cli
