#include "cli/post_options.hpp"

#include "cli/connection.hpp"
#include "cli/line_item_parts.hpp"
#include "lti/token.hpp"

#include <CLI/CLI.hpp>

namespace gradepost::cli {

batch::PostRequest post_request(const GlobalOptions& globals, PostOptions options) {
    // --canvas-attach-url COLUMN is --map url=COLUMN: the column is read only when asked for.
    if (!options.canvas_attach_url_column.empty())
        options.input.maps.push_back("url=" + options.canvas_attach_url_column);
    // --canvas-attach-file COLUMN reads the same field, sent as a file Canvas downloads.
    if (!options.canvas_attach_file_column.empty()) {
        options.input.maps.push_back("url=" + options.canvas_attach_file_column);
        options.request.send.canvas_attach_file = true;
    }
    auto request = std::move(options.request);
    request.plan = plan_request(options.input);
    request.plan.read.url_must_be_https = request.send.canvas_attach_file;
    request.plan.select.select = *policy::parse_select(options.select);
    request.plan.select.only.insert(options.only.begin(), options.only.end());
    request.plan.select.exclude.insert(options.exclude.begin(), options.exclude.end());
    request.ledger = state_path(globals);
    request.is_dry_run = options.is_dry_run;
    request.wait_lock = std::chrono::seconds(options.wait_lock_seconds);
    return request;
}

// The scopes this run's token needs, no more.
std::vector<std::string> scopes_for(const PostOptions& options) {
    std::vector<std::string> scopes{std::string(lti::k_scope_result_readonly)};
    if (!options.is_dry_run)
        scopes.emplace_back(lti::k_scope_score);
    if (options.line_item.create)
        scopes.emplace_back(lti::k_scope_lineitem);
    else if (options.line_item.is_found_by_filters() || options.is_wide)
        scopes.emplace_back(lti::k_scope_lineitem_readonly);
    if (options.request.scales_to_line_item && !options.line_item.create &&
        !options.line_item.is_found_by_filters())
        scopes.emplace_back(lti::k_scope_lineitem_readonly);
    if (options.input.needs_nrps())
        scopes.emplace_back(lti::k_scope_nrps);
    return scopes;
}

void add_post_options(CLI::App& command, PostOptions& options) {
    add_input_options(command, options.input);
    add_line_item_options(command, options.line_item, !options.is_dry_run);
    add_wide_options(command, options.is_wide, options.columns);
    command.add_option("--select", options.select, "Who to post: new|changed|all")
        ->check(CLI::IsMember({"new", "changed", "all"}));
    command.add_option("--only", options.only, "Post only this user (repeatable)");
    command.add_option("--exclude", options.exclude, "Never post this user (repeatable)");
    command.add_option("--report", options.report_file, "Write the outcome rows as CSV");
    command.add_flag("--all-rows", options.is_every_row,
                     "On a terminal, print every row (a big run shows its first rows)");
    command.add_option("--plan-out", options.request.plan_out,
                       "With a dry run: write the plan, to review then post with --plan");
    command.add_flag("--force", options.request.is_forced,
                     "Also overwrite grades changed by hand in the LMS (asks, or --yes)");
    command.add_flag("--trust-ledger", options.request.trusts_ledger,
                     "Do not read the gradebook first (hand edits are then overwritten)");
    command.add_flag("--scale-to-line-item", options.request.scales_to_line_item,
                     "Post score/max of the line item's scoreMaximum (7/10 on a 15: 10.5/15)");
    if (options.is_dry_run) {
        command.add_flag("--offline", options.request.is_offline,
                         "Contact nothing: kept scores from the files and the local ledger");
        return;
    }
    command
        .add_option("--plan", options.request.plan_file,
                    "Post exactly this plan (from dry-run --plan-out); no FILE")
        ->check(CLI::ExistingFile);
    command.add_flag("-y,--yes", options.request.is_override_confirmed,
                     "Confirm --select all or --force without asking");
    command
        .add_option("--activity-progress", options.request.send.activity_progress,
                    "activityProgress of graded scores")
        ->check(CLI::IsMember({"Initialized", "Started", "InProgress", "Submitted", "Completed"}));
    command
        .add_option("--grading-progress", options.request.send.grading_progress,
                    "gradingProgress of graded scores")
        ->check(CLI::IsMember({"FullyGraded", "Pending", "PendingManual", "Failed", "NotReady"}));
    command.add_flag("--canvas-submitted-at", options.request.send.canvas_submitted_at,
                     "Canvas: send the attempt's time as the submission time");
    command.add_flag("--canvas-new-submission", options.request.send.canvas_new_submission,
                     "Canvas: always record a new submission");
    command.add_flag("--canvas-prioritize-non-tool-grade",
                     options.request.send.canvas_prioritize_non_tool_grade,
                     "Canvas: keep a grade set by hand in SpeedGrader");
    auto* attach_url =
        command.add_option("--canvas-attach-url", options.canvas_attach_url_column,
                           "Canvas: attach the link in COLUMN to the submission (online_url)");
    command
        .add_option("--canvas-attach-file", options.canvas_attach_file_column,
                    "Canvas: attach the file whose https URL is in COLUMN (Canvas downloads it; "
                    "sent again only when the URL changes), e.g. --canvas-attach-file pdf_url")
        ->excludes(attach_url);
    command.add_option(
        "--canvas-attach-title", options.request.send.canvas_attach_title,
        "Canvas: the attached file's title; {user} is the user id "
        "(default: the URL's file name), e.g. --canvas-attach-title 'Results {user}'");
    command.add_option("--canvas-attach-media-type", options.request.send.canvas_attach_media_type,
                       "Canvas: the attached file's media type (default: from its name, e.g. "
                       "application/pdf for .pdf)");
    command.add_flag("--verify", options.request.verify,
                     "Read results back and report ignored scores");
    command
        .add_option("--wait-lock", options.wait_lock_seconds,
                    "Seconds to wait for another run on the same line item")
        ->check(CLI::NonNegativeNumber);
}

} // namespace gradepost::cli
