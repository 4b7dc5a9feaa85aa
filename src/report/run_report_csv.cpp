#include "report/csv.hpp"
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

} // namespace

std::string run_report_csv(const model::RunReport& report) {
    constexpr std::size_t k_bytes_per_score = 60;
    std::string out;
    out.reserve(128 + report.scores.size() * k_bytes_per_score);
    out.append(
        "user_id,action,score_given,score_maximum,http_status,error,reason,lms_score,"
        "lms_maximum,last_posted_score,overrides_lms_edit,attachment,attachment_progress\r\n");
    for (const auto& outcome : report.scores) {
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
    return out;
}

} // namespace gradepost::report
