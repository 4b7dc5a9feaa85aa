#include "cli/run_report_output.hpp"

#include "cli/connection.hpp"
#include "report/render.hpp"
#include "report/terminal.hpp"
#include "util/error.hpp"
#include "util/log.hpp"

#include <cstdio>
#include <fstream>

#include <unistd.h>

namespace gradepost::cli {

namespace {

// Rows a terminal shows of a big run before "... and N more": a screen, with the summary.
constexpr std::size_t k_terminal_first_rows = 20;

} // namespace

report::RowLimit post_row_limit(const std::string& report_file, bool is_every_row) {
    report::RowLimit limit;
    limit.is_every_row = is_every_row;
    if (report::is_terminal(STDOUT_FILENO))
        limit.first_rows = k_terminal_first_rows;
    limit.report_file = report_file;
    return limit;
}

void show_run_report(const GlobalOptions& globals, const model::RunReport& report,
                     const std::string& report_file, const report::RowLimit& limit) {
    if (!report_file.empty()) {
        std::ofstream out(report_file, std::ios::binary | std::ios::trunc);
        out << report::run_report_csv(report);
        if (!out)
            throw util::UsageError("cannot write the report " + report_file);
    }
    if (report.requests)
        util::info("{}", report::request_counts_line(*report.requests));
    if (!report.stopped_early.empty())
        util::write_log(util::LogLevel::error,
                        fmt::format("stopped after the first answers, the rest not sent: {}",
                                    report.stopped_early));
    if (globals.json) {
        auto text = report::run_report_json(report);
        std::fwrite(text.data(), 1, text.size(), stdout);
        return;
    }
    print(globals, report::run_report_table(report, output_style(globals), limit));
}

} // namespace gradepost::cli
