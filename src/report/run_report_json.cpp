#include "report/histogram.hpp"
#include "report/json_text.hpp"
#include "report/number.hpp"
#include "report/render.hpp"
#include "report/request_counts_json.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <iterator>

namespace gradepost::report {

namespace {

// Written by hand rather than through a JSON tree: a report of 100,000 students is a few
// megabytes, and one reserved string with appends makes it in a few milliseconds.
void append_field(std::string& out, std::string_view name, std::string_view value) {
    out.append(", \"");
    out.append(name);
    out.append("\": ");
    append_json_string(out, value);
}

// JSON has no NaN or infinity; a score that is not finite is written as null.
void append_json_number(std::string& out, double value) {
    if (std::isfinite(value))
        append_number(out, value);
    else
        out.append("null");
}

void append_outcome(std::string& out, const model::Outcome& outcome) {
    out.append("{\"user_id\": ");
    append_json_string(out, outcome.user_id);
    if (outcome.given) {
        out.append(", \"score_given\": ");
        append_json_number(out, *outcome.given);
    }
    if (outcome.maximum) {
        out.append(", \"score_maximum\": ");
        append_json_number(out, *outcome.maximum);
    }
    append_field(out, "action", model::to_string(outcome.action));
    if (outcome.http_status != 0) {
        out.append(", \"http_status\": ");
        fmt::format_int status(outcome.http_status);
        out.append(status.data(), status.size());
    }
    if (outcome.action == model::Action::failed)
        append_field(out, "error", outcome.error);
    if (!outcome.reason.empty())
        append_field(out, "reason", outcome.reason);
    if (outcome.lms_score) {
        out.append(", \"lms_score\": ");
        append_json_number(out, *outcome.lms_score);
    }
    if (outcome.lms_maximum) {
        out.append(", \"lms_maximum\": ");
        append_json_number(out, *outcome.lms_maximum);
    }
    if (outcome.last_posted_score) {
        out.append(", \"last_posted_score\": ");
        append_json_number(out, *outcome.last_posted_score);
    }
    if (outcome.overrides_lms_edit)
        out.append(", \"overrides_lms_edit\": true");
    if (!outcome.attachment.empty()) {
        append_field(out, "attachment", outcome.attachment);
        out.append(", \"attachment_progress\": [");
        for (std::size_t i = 0; i < outcome.attachment_progress.size(); ++i) {
            out.append(i == 0 ? "" : ", ");
            append_json_string(out, outcome.attachment_progress[i]);
        }
        out.push_back(']');
    }
    out.push_back('}');
}

} // namespace

std::string run_report_json(const model::RunReport& report) {
    constexpr std::size_t k_bytes_per_score = 160;
    std::string out;
    out.reserve(512 + report.scores.size() * k_bytes_per_score);
    auto to = std::back_inserter(out);

    out.append("{\n  \"command\": ");
    append_json_string(out, report.command);
    fmt::format_to(to, ",\n  \"dry_run\": {},\n  \"line_item\": ", report.dry_run);
    append_json_string(out, report.line_item);
    out.append(",\n  \"keep\": ");
    append_json_string(out, report.keep);
    out.append(",\n  \"select\": ");
    append_json_string(out, report.select);
    const model::Counts& counts = report.counts;
    fmt::format_to(to,
                   ",\n  \"counts\": {{\"rows\": {}, \"students\": {}, \"selected\": {}, "
                   "\"posted\": {}, \"failed\": {}, \"skipped\": {}}}",
                   counts.rows, counts.students, counts.selected, counts.posted, counts.failed,
                   counts.skipped);
    if (report.requests)
        append_request_counts_json(out, *report.requests);
    if (!report.stopped_early.empty()) {
        out.append(",\n  \"stopped_early\": {\"reason\": ");
        append_json_string(out, report.stop_reason);
        out.append(", \"message\": ");
        append_json_string(out, report.stopped_early);
        out.push_back('}');
    }
    auto histogram = score_histogram(report);
    fmt::format_to(to, ",\n  \"histogram\": [{}]", fmt::join(histogram, ", "));
    out.append(",\n  \"scores\": [");
    for (std::size_t i = 0; i < report.scores.size(); ++i) {
        out.append(i == 0 ? "\n    " : ",\n    ");
        append_outcome(out, report.scores[i]);
    }
    out.append(report.scores.empty() ? "]\n}\n" : "\n  ]\n}\n");
    return out;
}

} // namespace gradepost::report
