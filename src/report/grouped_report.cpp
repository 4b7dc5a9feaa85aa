#include "report/grouped_report.hpp"

#include "report/color.hpp"
#include "report/json_text.hpp"
#include "report/request_counts_json.hpp"
#include "report/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace gradepost::report {

namespace {

// What a row of the grouped table says about one student's outcome, students with the same
// one sharing the row.
struct OutcomeGroup {
    model::Action action;
    std::string detail;
    std::size_t students = 0;
};

std::string outcome_detail(const model::Outcome& outcome) {
    if (outcome.action != model::Action::failed)
        return outcome.reason;
    if (outcome.http_status == 0)
        return outcome.error;
    if (outcome.error.empty())
        return fmt::format("HTTP {}", outcome.http_status);
    return fmt::format("HTTP {}: {}", outcome.http_status, outcome.error);
}

// The outcomes of one line item, grouped in order of first appearance.
std::vector<OutcomeGroup> group_outcomes(const model::RunReport& report) {
    std::vector<OutcomeGroup> groups;
    for (const auto& outcome : report.scores) {
        auto detail = outcome_detail(outcome);
        auto found = std::find_if(groups.begin(), groups.end(), [&](const OutcomeGroup& group) {
            return group.action == outcome.action && group.detail == detail;
        });
        if (found == groups.end())
            groups.push_back({outcome.action, std::move(detail), 1});
        else
            ++found->students;
    }
    return groups;
}

std::string action_cell(model::Action action, const Style& style) {
    switch (action) {
    case model::Action::posted:
        return paint("posted", Color::green, style.color);
    case model::Action::would_post:
        return paint("would post", Color::green, style.color);
    case model::Action::failed:
        return paint("failed", Color::red, style.color);
    case model::Action::skipped:
        break;
    }
    return "skipped";
}

model::Counts total_counts(const model::GroupedReport& report) {
    model::Counts total;
    for (const auto& run : report.runs) {
        if (!run.report)
            continue;
        const auto& counts = run.report->counts;
        total.rows += counts.rows;
        total.students += counts.students;
        total.selected += counts.selected;
        total.posted += counts.posted;
        total.failed += counts.failed;
        total.skipped += counts.skipped;
    }
    return total;
}

std::size_t would_post_count(const model::GroupedReport& report) {
    std::size_t count = 0;
    for (const auto& run : report.runs)
        if (run.report)
            count += std::count_if(run.report->scores.begin(), run.report->scores.end(),
                                   [](const model::Outcome& outcome) {
                                       return outcome.action == model::Action::would_post;
                                   });
    return count;
}

bool has_jobs(const model::GroupedReport& report) {
    return std::any_of(report.runs.begin(), report.runs.end(),
                       [](const model::LineItemRun& run) { return !run.job.empty(); });
}

} // namespace

std::string grouped_report_table(const model::GroupedReport& report, const Style& style) {
    bool shows_jobs = has_jobs(report);
    std::vector<std::vector<std::string>> rows;
    auto add_row = [&](const model::LineItemRun& run, std::string outcome, std::string students,
                       std::string detail) {
        std::vector<std::string> row;
        if (shows_jobs)
            row.push_back(sanitize_cell(run.job, false));
        row.push_back(sanitize_cell(run.label, false));
        row.push_back(std::move(outcome));
        row.push_back(std::move(students));
        row.push_back(sanitize_cell(detail, false));
        rows.push_back(std::move(row));
    };
    std::size_t errors = 0;
    for (const auto& run : report.runs) {
        if (!run.report) {
            ++errors;
            add_row(run, paint("error", Color::red, style.color), "",
                    fmt::format("exit {}: {}", run.exit_code, run.error));
            continue;
        }
        auto groups = group_outcomes(*run.report);
        if (groups.empty())
            add_row(run, "nothing", "0", "no graded student in the file");
        for (const auto& group : groups)
            add_row(run, action_cell(group.action, style), std::to_string(group.students),
                    group.detail);
    }
    std::vector<std::string> headers;
    if (shows_jobs)
        headers.emplace_back("job");
    for (const char* header : {"line item", "outcome", "students", "detail"})
        headers.emplace_back(header);

    std::string out = paint(fmt::format("{}: {} line item{}", report.command, report.runs.size(),
                                        report.runs.size() == 1 ? "" : "s"),
                            Color::bold, style.color);
    out += '\n';
    out += render_table(headers, rows, style);
    auto total = total_counts(report);
    if (report.dry_run)
        out += fmt::format("{} would post, ", would_post_count(report));
    else
        out += fmt::format("{} posted, ", total.posted);
    out += fmt::format("{} failed, {} skipped (rows: {})", total.failed, total.skipped, total.rows);
    if (errors > 0)
        out += fmt::format("; {} line item{} stopped by an error", errors, errors == 1 ? "" : "s");
    out += "; --json or --report lists every student\n";
    return out;
}

std::string grouped_report_json(const model::GroupedReport& report) {
    std::string out;
    auto to = std::back_inserter(out);
    out.append("{\n  \"command\": ");
    append_json_string(out, report.command);
    fmt::format_to(to, ",\n  \"dry_run\": {},\n  \"exit_code\": {}", report.dry_run,
                   report.exit_code);
    auto total = total_counts(report);
    fmt::format_to(to,
                   ",\n  \"counts\": {{\"line_items\": {}, \"rows\": {}, \"students\": {}, "
                   "\"selected\": {}, \"posted\": {}, \"failed\": {}, \"skipped\": {}}}",
                   report.runs.size(), total.rows, total.students, total.selected, total.posted,
                   total.failed, total.skipped);
    if (report.requests)
        append_request_counts_json(out, *report.requests);
    out.append(",\n  \"line_items\": [");
    for (std::size_t i = 0; i < report.runs.size(); ++i) {
        const auto& run = report.runs[i];
        out.append(i == 0 ? "\n    {" : ",\n    {");
        if (!run.job.empty()) {
            out.append("\"job\": ");
            append_json_string(out, run.job);
            out.append(", ");
        }
        out.append("\"label\": ");
        append_json_string(out, run.label);
        fmt::format_to(to, ", \"exit_code\": {}", run.exit_code);
        if (!run.error.empty()) {
            out.append(", \"error\": ");
            append_json_string(out, run.error);
        }
        if (run.report) {
            // The line item's own post --json document, as it is.
            auto document = run_report_json(*run.report);
            while (!document.empty() && document.back() == '\n')
                document.pop_back();
            out.append(", \"report\": ");
            out.append(document);
        }
        out.push_back('}');
    }
    out.append(report.runs.empty() ? "]\n}\n" : "\n  ]\n}\n");
    return out;
}

} // namespace gradepost::report
