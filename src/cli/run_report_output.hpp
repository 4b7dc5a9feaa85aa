#pragma once

#include "cli/command.hpp"
#include "model/outcome.hpp"

#include <string>

namespace gradepost::cli {

// A run's report: one JSON document with --json, else the table (unless --quiet); and the
// same rows as CSV in `report_file` when one is given (--report).
void show_run_report(const GlobalOptions& globals, const model::RunReport& report,
                     const std::string& report_file = {});

} // namespace gradepost::cli
