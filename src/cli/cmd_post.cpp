#include "batch/exit_status.hpp"
#include "batch/post_run.hpp"
#include "cli/command.hpp"
#include "cli/connection.hpp"
#include "cli/grouped_report_output.hpp"
#include "cli/line_item_choice.hpp"
#include "cli/line_item_parts.hpp"
#include "cli/post_options.hpp"
#include "cli/post_platform.hpp"
#include "cli/run_report_output.hpp"
#include "cli/signals.hpp"
#include "cli/terminal_observer.hpp"
#include "util/error.hpp"
#include "util/interrupt.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace gradepost::cli {

namespace {

// post --wide: each score column to its own line item over one connection, one summary.
int run_wide_post(const GlobalOptions& globals, const PostOptions& options) {
    if (!options.request.plan_file.empty())
        throw util::UsageError("--plan posts one line item's plan: give no --wide with it");
    if (!options.request.plan_out.empty())
        throw util::UsageError("--plan-out writes one line item's plan: give no --wide with it");
    auto line_item = options.line_item;
    line_item.maximum = options.input.maximum; // --max also sizes the line items --create makes
    auto parts = line_item_parts(options.input, line_item, true, options.columns);
    // Every column is read and checked before anything is contacted.
    check_line_item_parts(parts);
    Connection connection(globals, scopes_for(options));
    // Every column's line item is found (or made) before anything is posted: a label that
    // matches none stops the run with nothing posted.
    if (!options.request.is_offline) {
        bool took_maximum = false;
        for (auto& part : parts) {
            took_maximum = took_maximum || part.needs_line_item_maximum;
            take_line_item_maximum(part, connection);
            resolve_part_line_item(part, connection);
        }
        // Columns scored out of their line item's maximum are checked now that it is known.
        if (took_maximum)
            check_line_item_parts(parts);
    }
    TerminalObserver observer(globals);
    InterruptGuard interrupt_guard;
    auto request_for = [&](const LineItemPart& part) {
        auto part_options = options;
        part_options.input = part.input;
        return post_request(globals, part_options);
    };
    model::GroupedReport report;
    report.command = options.is_dry_run ? "dry-run" : "post";
    report.dry_run = options.is_dry_run;
    report.runs = run_line_item_parts(parts, request_for, connection, observer);
    report.requests = connection.request_counts();
    report.exit_code = worst_exit_code(report.runs, util::is_interrupted());
    show_grouped_report(globals, report, options.report_file);
    return report.exit_code;
}

int run_post(const GlobalOptions& globals, const PostOptions& options) {
    if (options.is_wide)
        return run_wide_post(globals, options);
    if (!options.columns.empty())
        throw util::UsageError("--columns chooses the score columns of --wide: add --wide");
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
    report.requests = connection.request_counts();
    show_run_report(globals, report, options.report_file,
                    post_row_limit(options.report_file, options.is_every_row));
    return static_cast<int>(batch::exit_code_of(report));
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
                 "  gradepost post --plan week3-plan.json   # what dry-run --plan-out wrote\n"
                 "  gradepost post big-course.csv --label \"Final\" --all-rows   # every row\n"

                 "  gradepost post gradebook.csv --wide --create   # a line item per column");
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
        "  gradepost dry-run week3.csv --label \"Week 3 quiz\" --plan-out week3-plan.json\n"
        "  gradepost dry-run gradebook.csv --wide --columns \"Quiz 1,Quiz 2\"");
    dry_run->callback([&globals, &action, dry_run_options] {
        action = [&globals, dry_run_options] { return run_post(globals, *dry_run_options); };
    });
}

} // namespace gradepost::cli
