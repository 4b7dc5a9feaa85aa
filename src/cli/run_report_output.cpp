#include "cli/run_report_output.hpp"

#include "cli/connection.hpp"
#include "report/render.hpp"
#include "util/error.hpp"
#include "util/log.hpp"

#include <cstdio>
#include <fstream>

namespace gradepost::cli {

void show_run_report(const GlobalOptions& globals, const model::RunReport& report,
                     const std::string& report_file) {
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
    print(globals, report::run_report_table(report, output_style(globals)));
}

} // namespace gradepost::cli
