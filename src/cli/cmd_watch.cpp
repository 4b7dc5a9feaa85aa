#include "batch/exit_status.hpp"
#include "batch/post_run.hpp"
#include "cli/command.hpp"
#include "cli/connection.hpp"
#include "cli/input_options.hpp"
#include "cli/line_item_choice.hpp"
#include "cli/post_platform.hpp"
#include "cli/signals.hpp"
#include "cli/terminal_observer.hpp"
#include "util/error.hpp"
#include "util/file_stability.hpp"
#include "util/interrupt.hpp"
#include "util/time_format.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <charconv>
#include <memory>

namespace gradepost::cli {

namespace {

struct WatchOptions {
    std::string target;
    std::string interval = "30s";
    InputOptions input;
    LineItemChoice line_item;
};

// "30s", "2m", "500ms" or a number of seconds.
std::chrono::milliseconds parse_interval(const std::string& text) {
    long long value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    std::string_view unit(end, text.data() + text.size() - end);
    if (error != std::errc{} || value <= 0)
        throw util::UsageError("--interval " + text + ": give a duration such as 30s, 2m or 500ms");
    if (unit.empty() || unit == "s")
        return std::chrono::seconds(value);
    if (unit == "ms")
        return std::chrono::milliseconds(value);
    if (unit == "m")
        return std::chrono::minutes(value);
    throw util::UsageError("--interval " + text + ": give a duration such as 30s, 2m or 500ms");
}

// One line per cycle: what was looked at and what was posted.
void log_cycle(const GlobalOptions& globals, const std::string& file,
               const std::optional<model::RunReport>& report, const std::string& error) {
    auto now = util::format_iso8601(util::system_clock().now());
    std::string line;
    if (globals.json) {
        nlohmann::json entry{{"time", now}, {"file", file}};
        if (report) {
            entry["selected"] = report->counts.selected;
            entry["posted"] = report->counts.posted;
            entry["failed"] = report->counts.failed;
            entry["skipped"] = report->counts.skipped;
        }
        if (!error.empty())
            entry["error"] = error;
        line = entry.dump() + "\n";
    } else if (file.empty()) {
        line = now + " no new or changed export\n";
    } else if (report) {
        line = now + " " + file + ": " + std::to_string(report->counts.posted) + " posted, " +
               std::to_string(report->counts.failed) + " failed, " +
               std::to_string(report->counts.skipped) + " skipped\n";
    } else {
        line = now + " " + file + ": " + error + "\n";
    }
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fflush(stdout);
}

// Sleeps `duration` in short steps, returning early on SIGTERM/SIGINT.
void sleep_unless_interrupted(std::chrono::milliseconds duration) {
    auto step = std::chrono::milliseconds(100);
    for (auto slept = std::chrono::milliseconds(0); slept < duration && !util::is_interrupted();
         slept += step)
        util::system_clock().sleep_for(std::min(step, duration - slept));
}

int run_watch(const GlobalOptions& globals, const WatchOptions& options) {
    auto interval = parse_interval(options.interval);
    if (!options.line_item.is_given())
        throw util::UsageError("watch needs the line item: --line-item URL or --label L");
    std::vector<std::string> scopes{std::string(lti::k_scope_result_readonly),
                                    std::string(lti::k_scope_score)};
    if (options.line_item.create)
        scopes.emplace_back(lti::k_scope_lineitem);
    else if (options.line_item.is_found_by_filters())
        scopes.emplace_back(lti::k_scope_lineitem_readonly);
    if (options.input.needs_nrps())
        scopes.emplace_back(lti::k_scope_nrps);
    Connection connection(globals, scopes);
    auto line_item = options.line_item;
    line_item.maximum = options.input.maximum;
    TerminalObserver observer(globals);
    InterruptGuard interrupt_guard;
    // A file is read when it looked the same at two looks one interval apart: an exporter
    // still writing changes its size or time in between.
    util::StabilityTracker tracker(std::chrono::microseconds(0));
    while (!util::is_interrupted()) {
        bool posted_any = false;
        for (const auto& file : util::watched_files(options.target)) {
            if (!tracker.is_ready(file, util::look_at(file), util::system_clock().now()))
                continue;
            posted_any = true;
            auto input = options.input;
            input.files = {file.string()};
            std::optional<model::RunReport> report;
            std::string error;
            try {
                batch::PostRequest request;
                request.plan = plan_request(input);
                request.plan.select.select = policy::Select::fresh;
                request.ledger = state_path(globals);
                PostPlatform platform(connection, line_item, input.roster_file, false);
                report = batch::run_post(request, platform, util::system_clock(), observer);
            } catch (const util::LockedError& locked) {
                error = locked.what(); // another run has the line item: try at the next change
            } catch (const util::UsageError& bad_input) {
                error = bad_input.what(); // a bad export is reported, and watching goes on
            }
            log_cycle(globals, file.string(), report, error);
        }
        if (!posted_any && globals.verbose > 0)
            log_cycle(globals, "", std::nullopt, "");
        sleep_unless_interrupted(interval);
    }
    return static_cast<int>(util::ExitCode::ok);
}

} // namespace

void add_watch_command(CLI::App& app, GlobalOptions& globals, Action& action) {
    auto options = std::make_shared<WatchOptions>();
    auto* watch = app.add_subcommand(
        "watch", "Post new submissions whenever an export appears or changes, until stopped");
    add_input_options(*watch, options->input);
    // The input options' FILE... is one export or a directory here, read as it changes.
    watch->remove_option(watch->get_option("FILE"));
    watch->add_option("target", options->target, "An export file, or a directory of exports")
        ->required();
    watch->add_option("--interval", options->interval, "How often to look: 30s, 2m, 500ms");
    add_line_item_options(*watch, options->line_item, true);
    watch->footer("Example:\n  gradepost watch exports/ --label \"Week 3 quiz\" --interval 30s\n"
                  "  gradepost watch week3.csv --line-item URL --json");
    watch->callback([&globals, &action, options] {
        action = [&globals, options] { return run_watch(globals, *options); };
    });
}

} // namespace gradepost::cli
