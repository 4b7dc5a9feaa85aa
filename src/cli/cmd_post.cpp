#include "batch/exit_status.hpp"
#include "batch/post_run.hpp"
#include "cli/command.hpp"
#include "cli/connection.hpp"
#include "cli/input_options.hpp"
#include "cli/line_item_choice.hpp"
#include "cli/post_platform.hpp"
#include "cli/signals.hpp"
#include "cli/terminal_observer.hpp"
#include "report/render.hpp"
#include "util/error.hpp"

#include <CLI/CLI.hpp>

#include <fstream>
#include <memory>

namespace gradepost::cli {

namespace {

struct PostOptions {
    bool is_dry_run = false;
    InputOptions input;
    LineItemChoice line_item;
    std::string select = "new";
    std::vector<std::string> only;
    std::vector<std::string> exclude;
    std::string canvas_attach_url_column;
    std::string report_file;
    int wait_lock_seconds = 0;
    batch::PostRequest request; // the flags that map one to one are bound to it directly
};

batch::PostRequest post_request(const GlobalOptions& globals, PostOptions options) {
    // --canvas-attach-url COLUMN is --map url=COLUMN: the column is read only when asked for.
    if (!options.canvas_attach_url_column.empty())
        options.input.maps.push_back("url=" + options.canvas_attach_url_column);
    auto request = std::move(options.request);
    request.plan = plan_request(options.input);
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
    else if (options.line_item.is_found_by_filters())
        scopes.emplace_back(lti::k_scope_lineitem_readonly);
    if (options.input.needs_nrps())
        scopes.emplace_back(lti::k_scope_nrps);
    return scopes;
}

void write_report_file(const std::string& path, const model::RunReport& report) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << report::run_report_csv(report);
    if (!out)
        throw util::UsageError("cannot write the report " + path);
}

void show(const GlobalOptions& globals, const model::RunReport& report) {
    if (globals.json) {
        auto text = report::run_report_json(report);
        std::fwrite(text.data(), 1, text.size(), stdout);
        return;
    }
    print(globals, report::run_report_table(report, output_style(globals)));
}

int run_post(const GlobalOptions& globals, const PostOptions& options) {
    if (!options.request.plan_file.empty() &&
        (!options.input.files.empty() || options.line_item.is_given()))
        throw util::UsageError("--plan posts exactly the plan, for its line item: give no input "
                               "files and no line item with it");
    if (options.request.plan_file.empty() && options.input.files.empty())
        throw util::UsageError("which export? give FILE... (or --plan PLAN.json)");
    auto request = post_request(globals, options);
    Connection connection(globals, scopes_for(options));
    auto line_item = options.line_item;
    line_item.maximum = options.input.maximum; // --max also sizes a line item made by --create
    PostPlatform platform(connection, line_item, options.input.roster_file, request.is_offline);
    TerminalObserver observer(globals);
    InterruptGuard interrupt_guard;

    auto report = request.plan_file.empty()
                      ? batch::run_post(request, platform, util::system_clock(), observer)
                      : batch::run_planned_post(request, platform, util::system_clock(), observer);
    if (!options.report_file.empty())
        write_report_file(options.report_file, report);
    show(globals, report);
    return static_cast<int>(batch::exit_code_of(report));
}

void add_post_options(CLI::App& command, PostOptions& options) {
    add_input_options(command, options.input);
    add_line_item_options(command, options.line_item, !options.is_dry_run);
    command.add_option("--select", options.select, "Who to post: new|changed|all")
        ->check(CLI::IsMember({"new", "changed", "all"}));
    command.add_option("--only", options.only, "Post only this user (repeatable)");
    command.add_option("--exclude", options.exclude, "Never post this user (repeatable)");
    command.add_option("--report", options.report_file, "Write the outcome rows as CSV");
    command.add_option("--plan-out", options.request.plan_out,
                       "With a dry run: write the plan, to review then post with --plan");
    command.add_flag("--force", options.request.is_forced,
                     "Also overwrite grades changed by hand in the LMS (asks, or --yes)");
    command.add_flag("--trust-ledger", options.request.trusts_ledger,
                     "Do not read the gradebook first (hand edits are then overwritten)");
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
    command.add_option("--canvas-attach-url", options.canvas_attach_url_column,
                       "Canvas: attach the link in COLUMN to the submission (online_url)");
    command.add_flag("--verify", options.request.verify,
                     "Read results back and report ignored scores");
    command
        .add_option("--wait-lock", options.wait_lock_seconds,
                    "Seconds to wait for another run on the same line item")
        ->check(CLI::NonNegativeNumber);
}

} // namespace

void add_post_commands(CLI::App& app, GlobalOptions& globals, Action& action) {
    // Options live as long as the app's callbacks that hold them, so run() can be called again.
    auto post_options = std::make_shared<PostOptions>();
    auto* post = app.add_subcommand("post", "Read attempts, keep one score per student, select "
                                            "who to post, post to a line item");
    add_post_options(*post, *post_options);
    post->add_flag("--dry-run", post_options->is_dry_run, "Show the plan; post and write nothing");
    post->footer("Example:\n  gradepost post week3.csv --label \"Week 3 quiz\" --keep latest\n"
                 "  gradepost post scores.json --line-item URL --select changed --verify\n"
                 "  gradepost post --plan week3-plan.json   # what dry-run --plan-out wrote");
    post->callback([&globals, &action, post_options] {
        action = [&globals, post_options] { return run_post(globals, *post_options); };
    });

    auto dry_run_options = std::make_shared<PostOptions>();
    dry_run_options->is_dry_run = true;
    auto* dry_run =
        app.add_subcommand("dry-run", "Show what post would do; post and write nothing");
    add_post_options(*dry_run, *dry_run_options);
    dry_run->footer(
        "Example:\n  gradepost dry-run samples/attempts.json --offline --keep highest\n"
        "  gradepost dry-run week3.csv --label \"Week 3 quiz\" --select changed --json\n"
        "  gradepost dry-run week3.csv --label \"Week 3 quiz\" --plan-out week3-plan.json");
    dry_run->callback([&globals, &action, dry_run_options] {
        action = [&globals, dry_run_options] { return run_post(globals, *dry_run_options); };
    });
}

} // namespace gradepost::cli
