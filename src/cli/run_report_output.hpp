#pragma once

#include "cli/command.hpp"
#include "model/outcome.hpp"
#include "report/render.hpp"

#include <string>

namespace gradepost::cli {

// How much of its table a post shows: on a terminal (stdout) a big run's rows that need a
// look and its first rows, unless `is_every_row` (--all-rows); a pipe or a file gets every
// row, as scripts reading it expect.
report::RowLimit post_row_limit(const std::string& report_file, bool is_every_row);

// A run's report: one JSON document with --json, else the table (unless --quiet) within
// `limit` (by default every row); and the same rows as CSV in `report_file` when one is given
// (--report).
void show_run_report(const GlobalOptions& globals, const model::RunReport& report,
                     const std::string& report_file = {}, const report::RowLimit& limit = {});

} // namespace gradepost::cli
