#pragma once

#include "model/outcome.hpp"

#include <string>
#include <vector>

namespace gradepost::report {

struct Style {
    bool color = false; // ANSI colours (only on a terminal, never with NO_COLOR)
};

// A plain table: header row, aligned columns by display width (UTF-8 aware), numbers
// right-aligned. Used by every command that prints rows.
std::string render_table(const std::vector<std::string>& headers,
                         const std::vector<std::vector<std::string>>& rows, const Style& style);

// The post / dry-run report as the DESIGN.md --json document.
std::string run_report_json(const model::RunReport& report);

// How much of a run's table to print. A terminal gets, once a run has more than `first_rows`
// students, the rows that need a look (failures, and skips such as "edited in the LMS" or
// "not in the roster") and the first `first_rows` posted, then "... and N more". Without a
// limit (a pipe) every row is printed, but more than 200 routine skips ("already posted")
// collapse into a count per reason; --all-rows prints those too.
struct RowLimit {
    std::size_t first_rows = 0; // 0: no limit
    bool is_every_row = false;  // --all-rows: nothing hidden, nothing collapsed
    std::string report_file;    // --report, named where the hidden rows can be read
};

// The post / dry-run report for a terminal: one row per student, then the counts; a dry run
// adds the histogram of kept scores and their summary.
std::string run_report_table(const model::RunReport& report, const Style& style,
                             const RowLimit& limit = {});

// "requests: 1 token, 600 score posts; 612 sends (12 retries), 0 unauthorized, 3 throttled,
// 1.2 s waiting on the pacer"
std::string request_counts_line(const model::RequestCounts& counts);

// The same rows as --json, as CSV (--report FILE.csv); cells that a spreadsheet would run
// as a formula (= + - @ tab CR) are escaped with a leading apostrophe.
std::string run_report_csv(const model::RunReport& report);

// Scores print without trailing zeros: 18, 18.5, 0.333333.
std::string format_number(double value);

} // namespace gradepost::report
