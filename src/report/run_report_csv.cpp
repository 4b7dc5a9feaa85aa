#include "report/csv.hpp"
#include "report/grouped_report.hpp"
#include "report/number.hpp"
#include "report/render.hpp"

#include <fmt/format.h>

#include <cmath>

namespace gradepost::report {

namespace {

// An absent score is an empty cell; so is one that is not finite, which no spreadsheet reads.
void append_score(std::string& out, const std::optional<double>& score) {
    out.push_back(',');
    if (score && std::isfinite(*score))
        append_number(out, *score);
}

// One outcome's cells, from user_id to overrides_lms_edit, and the end of the row.
void append_outcome_cells(std::string& out, const model::Outcome& outcome) {
    append_csv_text(out, outcome.user_id);
    out.push_back(',');
    out.append(model::to_string(outcome.action));
    append_score(out, outcome.given);
    append_score(out, outcome.maximum);
    out.push_back(',');
    if (outcome.http_status != 0) {
        fmt::format_int status(outcome.http_status);
        out.append(status.data(), status.size());
    }
    out.push_back(',');
    if (outcome.action == model::Action::failed)
        append_csv_text(out, outcome.error);
    out.push_back(',');
    append_csv_text(out, outcome.reason);
    append_score(out, outcome.lms_score);
    append_score(out, outcome.lms_maximum);
    append_score(out, outcome.last_posted_score);
    out.append(outcome.overrides_lms_edit ? ",true" : ",");
    out.push_back(',');
    out.append(outcome.attachment);
    out.push_back(',');
    std::string progress;
    for (const auto& url : outcome.attachment_progress)
        progress.append(progress.empty() ? "" : " ").append(url);
    append_csv_text(out, progress);
    out.append("\r\n");
}

constexpr std::string_view k_outcome_header =
    "user_id,action,score_given,score_maximum,http_status,error,reason,lms_score,"
    "lms_maximum,last_posted_score,overrides_lms_edit,attachment,attachment_progress\r\n";

} // namespace

std::string run_report_csv(const model::RunReport& report) {
    constexpr std::size_t k_bytes_per_score = 60;
    std::string out;
    out.reserve(128 + report.scores.size() * k_bytes_per_score);
    out.append(k_outcome_header);
    for (const auto& outcome : report.scores)
        append_outcome_cells(out, outcome);
    return out;
}

std::string grouped_report_csv(const model::GroupedReport& report) {
    std::string out = "job,line_item,";
    out.append(k_outcome_header);
    for (const auto& run : report.runs) {
        if (!run.report)
            continue;
        for (const auto& outcome : run.report->scores) {
            append_csv_text(out, run.job);
            out.push_back(',');
            append_csv_text(out, run.label);
            out.push_back(',');
            append_outcome_cells(out, outcome);
        }
    }
    return out;
}

} // namespace gradepost::report
