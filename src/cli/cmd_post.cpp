#include "batch/execute.hpp"
#include "batch/plan.hpp"
#include "batch/reconcile.hpp"
#include "cli/command.hpp"
#include "cli/connection.hpp"
#include "cli/input_options.hpp"
#include "cli/line_item_choice.hpp"
#include "cli/roster_source.hpp"
#include "cli/signals.hpp"
#include "http/interrupt.hpp"
#include "input/read_attempts.hpp"
#include "report/progress.hpp"
#include "report/render.hpp"
#include "report/terminal.hpp"
#include "state/run_lock.hpp"
#include "util/error.hpp"
#include "util/log.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <fstream>
#include <unistd.h>

namespace gradepost::cli {

namespace {

struct PostOptions {
    bool is_dry_run = false;
    bool is_offline = false;
    InputOptions input;
    LineItemChoice line_item;
    std::string select = "new";
    std::vector<std::string> only;
    std::vector<std::string> exclude;
    bool yes = false;
    std::string activity_progress = "Completed";
    std::string grading_progress = "FullyGraded";
    bool canvas_submitted_at = false;
    bool canvas_new_submission = false;
    bool canvas_prioritize_non_tool_grade = false;
    std::string canvas_attach_url_column;
    bool verify = false;
    std::string report_file;
    int wait_lock_seconds = 0;
};

batch::PlanRequest post_request(PostOptions options) {
    // --canvas-attach-url COLUMN is --map url=COLUMN: the column is read only when asked for.
    if (!options.canvas_attach_url_column.empty())
        options.input.maps.push_back("url=" + options.canvas_attach_url_column);
    auto request = plan_request(options.input);
    request.select.select = *policy::parse_select(options.select);
    request.select.only.insert(options.only.begin(), options.only.end());
    request.select.exclude.insert(options.exclude.begin(), options.exclude.end());
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

bool has_pending(const std::map<std::string, model::LedgerEntry>& entries) {
    for (const auto& [user_id, entry] : entries)
        if (entry.state == model::PostState::pending)
            return true;
    return false;
}

void write_report_file(const std::string& path, const model::RunReport& report) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << report::run_report_csv(report);
    if (!out)
        throw util::UsageError("cannot write the report " + path);
}

// A score the platform never took because it was down, overloaded or unreachable, as opposed
// to one it refused for its own sake (a 4xx about that score).
bool failed_for_the_platform(const model::Outcome& outcome) {
    return outcome.http_status == 0 || outcome.http_status == 429 || outcome.http_status >= 500;
}

int exit_code_of(const model::RunReport& report) {
    if (http::is_interrupted())
        return static_cast<int>(util::ExitCode::interrupted);
    if (report.counts.failed == 0)
        return 0;
    // Every failure is the platform's (down, or still failing after the retries): exit 5, so a
    // cron job retries later; a score refused for its own sake needs a person: exit 1.
    bool is_platform_down = true;
    for (const auto& outcome : report.scores)
        if (outcome.action == model::Action::failed && !failed_for_the_platform(outcome))
            is_platform_down = false;
    return static_cast<int>(is_platform_down ? util::ExitCode::unreachable
                                             : util::ExitCode::some_failed);
}

void show(const GlobalOptions& globals, const model::RunReport& report) {
    if (globals.json) {
        auto text = report::run_report_json(report);
        std::fwrite(text.data(), 1, text.size(), stdout);
        return;
    }
    print(globals, report::run_report_table(report, output_style(globals)));
}

// Overriding what may have been adjusted by hand in the gradebook needs a yes.
void confirm_override(const PostOptions& options, const model::Plan& plan) {
    if (options.is_dry_run || options.select != "all" || options.yes)
        return;
    std::size_t selected = 0;
    for (const auto& entry : plan.entries)
        selected += entry.is_selected;
    if (selected == 0)
        return;
    if (!isatty(STDIN_FILENO))
        throw util::UsageError("--select all overrides grades changed by hand in the LMS; "
                               "pass --yes to confirm when not on a terminal");
    if (!confirm(fmt::format("Post {} scores to {}, overriding any grade changed by hand?",
                             selected, plan.line_item_url)))
        throw util::UsageError("not confirmed; nothing was posted");
}

int run_post(const GlobalOptions& globals, PostOptions options) {
    auto request = post_request(options);
    options.line_item.maximum = options.input.maximum;
    if (options.is_offline && options.line_item.is_found_by_filters())
        throw util::UsageError("--offline cannot look a line item up: give --line-item URL");
    if (options.is_offline && options.input.needs_nrps())
        throw util::UsageError("--offline cannot fetch the roster: give --roster FILE");
    Connection connection(globals, scopes_for(options));

    // The roster first (read-only), then every input row validated, before anything else
    // is contacted, created or written.
    model::Roster roster;
    if (request.match && *request.match != batch::MatchField::user_id)
        roster = load_roster(options.input.roster_file, connection);
    auto scores = batch::read_and_keep(request, roster);

    std::string line_item = options.is_offline ? options.line_item.url
                                               : resolve_line_item(options.line_item, connection);
    std::map<std::string, model::LedgerEntry> entries;
    auto ledger_path = state_path(globals);

    if (options.is_dry_run) {
        if (!line_item.empty()) {
            auto ledger = state::Ledger::open_read_only(ledger_path);
            entries = ledger.entries({connection.platform_key(), line_item});
            if (!options.is_offline && has_pending(entries)) {
                auto results = connection.client().results(line_item, std::nullopt);
                batch::apply_results(entries, batch::reconcile(entries, results));
            }
        }
        auto plan = batch::make_plan(request, scores, entries, line_item);
        auto report = batch::summarise_plan(plan, true);
        if (!options.report_file.empty())
            write_report_file(options.report_file, report);
        show(globals, report);
        return 0;
    }

    // One run per line item; a crashed run's unconfirmed posts are settled first.
    state::Target target{connection.platform_key(), line_item};
    auto lock = state::RunLock::acquire(ledger_path, target,
                                        std::chrono::seconds(options.wait_lock_seconds));
    auto ledger = state::Ledger::open(ledger_path);
    entries = ledger.entries(target);
    if (has_pending(entries)) {
        std::vector<state::PostResult> settled;
        try {
            auto results = connection.client().results(line_item, std::nullopt);
            settled = batch::reconcile(entries, results);
        } catch (const util::Error& error) {
            util::warn("cannot read results to settle an earlier run's posts ({}); they will "
                       "be posted again",
                       error.what());
        }
        ledger.record_results(target, settled);
        entries = ledger.entries(target);
        util::info("settled {} posts left unconfirmed by an earlier run", settled.size());
    }

    auto plan = batch::make_plan(request, scores, entries, line_item);
    confirm_override(options, plan);

    batch::ExecuteOptions execute_options;
    execute_options.platform = connection.platform();
    execute_options.activity_progress = options.activity_progress;
    execute_options.grading_progress = options.grading_progress;
    execute_options.canvas_submitted_at = options.canvas_submitted_at;
    execute_options.canvas_new_submission = options.canvas_new_submission;
    execute_options.canvas_prioritize_non_tool_grade = options.canvas_prioritize_non_tool_grade;
    execute_options.verify = options.verify;

    std::size_t selected = 0;
    for (const auto& entry : plan.entries)
        selected += entry.is_selected;
    InterruptGuard interrupt_guard;
    report::Progress progress(
        "posting", selected, !globals.json && !globals.quiet && report::is_terminal(STDERR_FILENO));
    auto report = batch::execute(plan, target, ledger, connection.client(), util::system_clock(),
                                 progress, execute_options);
    if (!options.report_file.empty())
        write_report_file(options.report_file, report);
    show(globals, report);
    return exit_code_of(report);
}

void add_post_options(CLI::App& command, PostOptions& options) {
    add_input_options(command, options.input);
    add_line_item_options(command, options.line_item, !options.is_dry_run);
    command.add_option("--select", options.select, "Who to post: new|changed|all")
        ->check(CLI::IsMember({"new", "changed", "all"}));
    command.add_option("--only", options.only, "Post only this user (repeatable)");
    command.add_option("--exclude", options.exclude, "Never post this user (repeatable)");
    command.add_option("--report", options.report_file, "Write the outcome rows as CSV");
    if (options.is_dry_run) {
        command.add_flag("--offline", options.is_offline,
                         "Contact nothing: kept scores from the files and the local ledger");
        return;
    }
    command.add_flag("-y,--yes", options.yes, "Confirm --select all without asking");
    command
        .add_option("--activity-progress", options.activity_progress,
                    "activityProgress of graded scores")
        ->check(CLI::IsMember({"Initialized", "Started", "InProgress", "Submitted", "Completed"}));
    command
        .add_option("--grading-progress", options.grading_progress,
                    "gradingProgress of graded scores")
        ->check(CLI::IsMember({"FullyGraded", "Pending", "PendingManual", "Failed", "NotReady"}));
    command.add_flag("--canvas-submitted-at", options.canvas_submitted_at,
                     "Canvas: send the attempt's time as the submission time");
    command.add_flag("--canvas-new-submission", options.canvas_new_submission,
                     "Canvas: always record a new submission");
    command.add_flag("--canvas-prioritize-non-tool-grade", options.canvas_prioritize_non_tool_grade,
                     "Canvas: keep a grade set by hand in SpeedGrader");
    command.add_option("--canvas-attach-url", options.canvas_attach_url_column,
                       "Canvas: attach the link in COLUMN to the submission (online_url)");
    command.add_flag("--verify", options.verify, "Read results back and report ignored scores");
    command
        .add_option("--wait-lock", options.wait_lock_seconds,
                    "Seconds to wait for another run on the same line item")
        ->check(CLI::NonNegativeNumber);
}

} // namespace

void add_post_commands(CLI::App& app, GlobalOptions& globals, Action& action) {
    static PostOptions post_options;
    auto* post = app.add_subcommand("post", "Read attempts, keep one score per student, select "
                                            "who to post, post to a line item");
    add_post_options(*post, post_options);
    post->add_flag("--dry-run", post_options.is_dry_run, "Show the plan; post and write nothing");
    post->footer("Example:\n  gradepost post week3.csv --label \"Week 3 quiz\" --keep latest\n"
                 "  gradepost post scores.json --line-item URL --select changed --verify");
    post->callback(
        [&globals, &action] { action = [&globals] { return run_post(globals, post_options); }; });

    static PostOptions dry_run_options;
    dry_run_options.is_dry_run = true;
    auto* dry_run =
        app.add_subcommand("dry-run", "Show what post would do; post and write nothing");
    add_post_options(*dry_run, dry_run_options);
    dry_run->footer(
        "Example:\n  gradepost dry-run samples/attempts.json --offline --keep highest\n"
        "  gradepost dry-run week3.csv --label \"Week 3 quiz\" --select changed --json");
    dry_run->callback([&globals, &action] {
        action = [&globals] { return run_post(globals, dry_run_options); };
    });
}

} // namespace gradepost::cli
