#include "cli/grouped_report_output.hpp"

#include "cli/connection.hpp"
#include "report/grouped_report.hpp"
#include "util/error.hpp"
#include "util/log.hpp"

#include <cstdio>
#include <fstream>

namespace gradepost::cli {

namespace {

int severity_of(int exit_code) {
    switch (static_cast<util::ExitCode>(exit_code)) {
    case util::ExitCode::config:
        return 6;
    case util::ExitCode::unreachable:
        return 5;
    case util::ExitCode::usage:
        return 4;
    case util::ExitCode::locked:
        return 3;
    case util::ExitCode::some_failed:
        return 2;
    case util::ExitCode::ok:
        return 0;
    default:
        return 7;
    }
}

} // namespace

int worst_exit_code(const std::vector<model::LineItemRun>& runs, bool is_interrupted) {
    if (is_interrupted)
        return static_cast<int>(util::ExitCode::interrupted);
    int worst = 0;
    for (const auto& run : runs)
        if (severity_of(run.exit_code) > severity_of(worst))
            worst = run.exit_code;
    return worst;
}

std::optional<model::RequestCounts>
add_request_counts(std::optional<model::RequestCounts> sum,
                   const std::optional<model::RequestCounts>& more) {
    if (!more)
        return sum;
    if (!sum)
        return more;
    sum->token_requests += more->token_requests;
    sum->score_posts += more->score_posts;
    sum->sends += more->sends;
    sum->retries += more->retries;
    sum->unauthorized += more->unauthorized;
    sum->throttled += more->throttled;
    sum->pacer_wait_seconds += more->pacer_wait_seconds;
    return sum;
}

void show_grouped_report(const GlobalOptions& globals, const model::GroupedReport& report,
                         const std::string& report_file) {
    if (!report_file.empty()) {
        std::ofstream out(report_file, std::ios::binary | std::ios::trunc);
        out << report::grouped_report_csv(report);
        if (!out)
            throw util::UsageError("cannot write the report " + report_file);
    }
    if (report.requests)
        util::info("{}", report::request_counts_line(*report.requests));
    if (globals.json) {
        auto text = report::grouped_report_json(report);
        std::fwrite(text.data(), 1, text.size(), stdout);
        return;
    }
    print(globals, report::grouped_report_table(report, output_style(globals)));
}

} // namespace gradepost::cli
