#include "report/color.hpp"
#include "report/histogram.hpp"
#include "report/number.hpp"
#include "report/render.hpp"
#include "report/score_summary.hpp"
#include "report/text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <iterator>
#include <utility>

namespace gradepost::report {

namespace {

// Above this many skipped students the table shows a count per reason instead: a re-run of
// a 2,000-student course should show the 12 that changed, not scroll them away.
constexpr std::size_t k_max_skipped_rows = 200;
// On a terminal, failures and skips that need a look are listed up to this many; beyond it
// they are counted with the other hidden rows (a platform that is down fails everyone).
constexpr std::size_t k_most_attention_rows = 100;

std::string headline(const model::RunReport& report) {
    std::string line = report.dry_run ? "dry run: post" : "post";
    if (!report.line_item.empty())
        line += " to " + sanitize_cell(report.line_item, false);
    if (!report.keep.empty())
        line += " · keep " + sanitize_cell(report.keep, false);
    if (!report.select.empty())
        line += " · select " + sanitize_cell(report.select, false);
    return line;
}

std::string score_cell(const model::Outcome& outcome) {
    std::string cell;
    if (outcome.given)
        append_number(cell, *outcome.given);
    if (outcome.given && outcome.maximum) {
        cell += " / ";
        append_number(cell, *outcome.maximum);
    }
    return cell;
}

// "LMS 7 / 10, last posted 8": the three-way sync's view, where it matters.
std::string lms_note(const model::Outcome& outcome) {
    std::string note = "LMS ";
    append_number(note, *outcome.lms_score);
    if (outcome.lms_maximum) {
        note += " / ";
        append_number(note, *outcome.lms_maximum);
    }
    note += ", last posted ";
    if (outcome.last_posted_score)
        append_number(note, *outcome.last_posted_score);
    else
        note += "never";
    return note;
}

bool is_lms_edit(const model::Outcome& outcome) {
    return outcome.lms_score &&
           (outcome.overrides_lms_edit || outcome.reason == "edited in the LMS");
}

// A Canvas file: "file attached (progress URL)" or "file unchanged", after the detail.
std::string with_attachment(std::string detail, const model::Outcome& outcome) {
    if (outcome.attachment.empty())
        return detail;
    if (!detail.empty())
        detail += "; ";
    detail += "file " + outcome.attachment;
    if (!outcome.attachment_progress.empty())
        detail += fmt::format(" ({})", fmt::join(outcome.attachment_progress, " "));
    return detail;
}

std::string detail_cell(const model::Outcome& outcome) {
    if (outcome.action != model::Action::failed) {
        if (!is_lms_edit(outcome))
            return with_attachment(outcome.reason, outcome);
        return with_attachment(
            fmt::format("{}{} ({})", outcome.reason,
                        outcome.overrides_lms_edit ? ", overwrites a hand edit" : "",
                        lms_note(outcome)),
            outcome);
    }
    if (outcome.http_status == 0)
        return outcome.error;
    if (outcome.error.empty())
        return fmt::format("HTTP {}", outcome.http_status);
    return fmt::format("HTTP {}: {}", outcome.http_status, outcome.error);
}

std::vector<std::string> row_cells(const model::Outcome& outcome, const Style& style) {
    std::vector<std::string> cells{outcome.user_id, score_cell(outcome), "", detail_cell(outcome)};
    // Colour is added after sanitising, so that only our own escapes reach the terminal.
    for (auto& cell : cells)
        cell = sanitize_cell(cell, false);
    switch (outcome.action) {
    case model::Action::posted:
        cells[2] = paint("posted", Color::green, style.color);
        break;
    case model::Action::would_post:
        cells[2] = paint("would post", Color::green, style.color);
        break;
    case model::Action::failed:
        cells[2] = paint("failed", Color::red, style.color);
        break;
    case model::Action::skipped:
        cells[2] = "skipped";
        for (auto& cell : cells)
            cell = paint(cell, Color::dim, style.color);
        break;
    }
    return cells;
}

// "already posted: 250, not graded yet: 9", the most frequent reason first.
std::string count_by_reason(const std::vector<const model::Outcome*>& skipped) {
    std::vector<std::pair<std::string, std::size_t>> by_reason;
    for (const auto* outcome : skipped) {
        std::string reason = outcome->reason.empty() ? "no reason given" : outcome->reason;
        auto found = std::find_if(by_reason.begin(), by_reason.end(),
                                  [&](const auto& entry) { return entry.first == reason; });
        if (found == by_reason.end())
            by_reason.emplace_back(std::move(reason), 1);
        else
            ++found->second;
    }
    std::stable_sort(by_reason.begin(), by_reason.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::string counts;
    for (std::size_t i = 0; i < by_reason.size(); ++i) {
        if (i > 0)
            counts += ", ";
        counts +=
            fmt::format("{}: {}", sanitize_cell(by_reason[i].first, false), by_reason[i].second);
    }
    return counts;
}

// "… 259 skipped (already posted: 250, not graded yet: 9); --json lists them"
std::string collapsed_line(const std::vector<const model::Outcome*>& skipped) {
    return fmt::format("… {} skipped ({}); --json lists them", skipped.size(),
                       count_by_reason(skipped));
}

// Skips that are the selection working as asked; any other skip (edited in the LMS, not in
// the roster, changed since the plan, interrupted) or failure needs a person to look.
bool is_routine_skip(const model::Outcome& outcome) {
    static constexpr std::string_view k_routine_reasons[] = {
        "already posted",     "unchanged",
        "not graded yet",     "excused",
        "already in the LMS", "already in the ledger",
        "no grade in the LMS"};
    return outcome.action == model::Action::skipped &&
           std::find(std::begin(k_routine_reasons), std::end(k_routine_reasons), outcome.reason) !=
               std::end(k_routine_reasons);
}

bool needs_a_look(const model::Outcome& outcome) {
    return outcome.action == model::Action::failed ||
           (outcome.action == model::Action::skipped && !is_routine_skip(outcome));
}

// "... and 2980 more: 2700 posted, 280 skipped (already posted: 250, not graded yet: 30); see
// --report FILE.csv or --all-rows"
std::string hidden_rows_line(const std::vector<const model::Outcome*>& hidden,
                             const RowLimit& limit) {
    std::size_t posted = 0;
    std::size_t would_post = 0;
    std::size_t failed = 0;
    std::vector<const model::Outcome*> skipped;
    for (const auto* outcome : hidden) {
        switch (outcome->action) {
        case model::Action::posted:
            ++posted;
            break;
        case model::Action::would_post:
            ++would_post;
            break;
        case model::Action::failed:
            ++failed;
            break;
        case model::Action::skipped:
            skipped.push_back(outcome);
            break;
        }
    }
    std::vector<std::string> parts;
    if (posted > 0)
        parts.push_back(fmt::format("{} posted", posted));
    if (would_post > 0)
        parts.push_back(fmt::format("{} would post", would_post));
    if (failed > 0)
        parts.push_back(fmt::format("{} failed", failed));
    if (!skipped.empty())
        parts.push_back(fmt::format("{} skipped ({})", skipped.size(), count_by_reason(skipped)));
    std::string where =
        limit.report_file.empty() ? "--report FILE.csv" : sanitize_cell(limit.report_file, false);
    return fmt::format("... and {} more: {}; see {} or --all-rows", hidden.size(),
                       fmt::join(parts, ", "), where);
}

std::string summary_line(const model::RunReport& report, const Style& style) {
    const model::Counts& counts = report.counts;
    std::string line =
        fmt::format("{} student{}: ", counts.students, counts.students == 1 ? "" : "s");
    if (report.dry_run) {
        auto would_post = std::count_if(report.scores.begin(), report.scores.end(), [](auto& o) {
            return o.action == model::Action::would_post;
        });
        line += fmt::format("{} would post, ", would_post);
    } else {
        line += fmt::format("{} posted, ", counts.posted);
    }
    if (!report.dry_run || counts.failed > 0) {
        std::string failed = fmt::format("{} failed", counts.failed);
        line += counts.failed > 0 ? paint(failed, Color::red, style.color) : failed;
        line += ", ";
    }
    line += fmt::format("{} skipped (rows: {})", counts.skipped, counts.rows);
    auto edited = std::count_if(report.scores.begin(), report.scores.end(), [](auto& outcome) {
        return outcome.action == model::Action::skipped && is_lms_edit(outcome);
    });
    if (edited > 0)
        line += fmt::format("\n{} student{} edited in the LMS left alone; --force overwrites "
                            "them (after naming them)",
                            edited, edited == 1 ? "" : "s");
    return line;
}

} // namespace

std::string request_counts_line(const model::RequestCounts& counts) {
    return fmt::format(
        "requests: {} token, {} score post{}; {} send{} ({} retr{}), {} "
        "unauthorized, {} throttled, {:.1f} s waiting on the pacer",
        counts.token_requests, counts.score_posts, counts.score_posts == 1 ? "" : "s", counts.sends,
        counts.sends == 1 ? "" : "s", counts.retries, counts.retries == 1 ? "y" : "ies",
        counts.unauthorized, counts.throttled, counts.pacer_wait_seconds);
}

namespace {

// A pipe or --all-rows: every row, except that more than k_max_skipped_rows routine skips
// collapse into a count per reason (unless --all-rows).
std::string full_rows(const model::RunReport& report, const Style& style, bool is_every_row) {
    // Hand edits left alone need a look: they are listed even when other skips are counted.
    std::vector<const model::Outcome*> skipped;
    for (const auto& outcome : report.scores)
        if (outcome.action == model::Action::skipped && !is_lms_edit(outcome))
            skipped.push_back(&outcome);
    bool is_collapsed = !is_every_row && skipped.size() > k_max_skipped_rows;

    std::vector<std::vector<std::string>> rows;
    rows.reserve(report.scores.size());
    for (const auto& outcome : report.scores)
        if (!is_collapsed || outcome.action != model::Action::skipped || is_lms_edit(outcome))
            rows.push_back(row_cells(outcome, style));

    std::string out;
    if (!rows.empty())
        out += render_table({"student", "score", "action", "detail"}, rows, style);
    if (is_collapsed) {
        out += paint(collapsed_line(skipped), Color::dim, style.color);
        out += '\n';
    }
    return out;
}

// A terminal: what needs a look, the first rows posted, and a line counting the rest.
std::string first_rows(const model::RunReport& report, const Style& style, const RowLimit& limit) {
    std::vector<std::vector<std::string>> rows;
    std::vector<const model::Outcome*> hidden;
    std::size_t attention_rows = 0;
    std::size_t other_rows = 0;
    for (const auto& outcome : report.scores) {
        bool is_shown = false;
        if (needs_a_look(outcome))
            is_shown = attention_rows++ < k_most_attention_rows;
        else if (!is_routine_skip(outcome))
            is_shown = other_rows++ < limit.first_rows;
        if (is_shown)
            rows.push_back(row_cells(outcome, style));
        else
            hidden.push_back(&outcome);
    }
    std::string out;
    if (!rows.empty())
        out += render_table({"student", "score", "action", "detail"}, rows, style);
    if (!hidden.empty()) {
        out += paint(hidden_rows_line(hidden, limit), Color::dim, style.color);
        out += '\n';
    }
    return out;
}

} // namespace

std::string run_report_table(const model::RunReport& report, const Style& style,
                             const RowLimit& limit) {
    bool is_limited =
        !limit.is_every_row && limit.first_rows > 0 && report.scores.size() > limit.first_rows;
    std::string out = paint(headline(report), Color::bold, style.color);
    out += '\n';
    out += is_limited ? first_rows(report, style, limit)
                      : full_rows(report, style, limit.is_every_row);
    out += summary_line(report, style);
    out += '\n';
    // A plan is reviewed before anything is sent: show the shape of what would go.
    if (report.dry_run)
        out += render_histogram(score_histogram(report), summary_lines(summarize_scores(report)));
    return out;
}

} // namespace gradepost::report
