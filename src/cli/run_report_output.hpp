#pragma once

#include "cli/command.hpp"
#include "model/outcome.hpp"

#include <string>

namespace gradepost::cli {

// A run's report: one JSON document with --json, else the table (unless --quiet); and the
// same rows as CSV in `report_file` when one is given (--report). On a terminal a big run's
// table shows what needs a look and its first rows (`is_every_row`, --all-rows: every row);
// a pipe or file gets every row, as scripts reading it expect.
void show_run_report(const GlobalOptions& globals, const model::RunReport& report,
                     const std::string& report_file = {}, bool is_every_row = false);

} // namespace gradepost::cli
