#pragma once

#include "model/line_item_run.hpp"
#include "report/render.hpp"

#include <string>

namespace gradepost::report {

// One table for a run over many line items: a row per line item and outcome (posted, would
// post, failed, skipped with its reason, or the error that stopped the line item) with the
// number of students, then the totals.
std::string grouped_report_table(const model::GroupedReport& report, const Style& style);

// The --json document: the totals, the requests, and under "line_items" one entry per line
// item with its "job" (sync), "label", "exit_code", its run report under "report" (the
// post --json document) or its "error".
std::string grouped_report_json(const model::GroupedReport& report);

// --report FILE.csv: the rows of run_report_csv, each led by its line item's label (and job).
std::string grouped_report_csv(const model::GroupedReport& report);

} // namespace gradepost::report
