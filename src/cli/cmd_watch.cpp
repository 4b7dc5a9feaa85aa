#include "batch/exit_status.hpp"
#include "batch/post_run.hpp"
#include "cli/command.hpp"
#include "cli/connection.hpp"
#include "cli/input_options.hpp"
#include "cli/line_item_choice.hpp"
#include "cli/post_platform.hpp"
#include "cli/signals.hpp"
#include "cli/terminal_observer.hpp"
#include "util/change_notifier.hpp"
#include "util/error.hpp"
#include "util/file_stability.hpp"
#include "util/interrupt.hpp"
#include "util/time_format.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
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

// A half-written export is read once it has looked the same this long (or one interval, when
// shorter); while one settles it is looked at every step.
constexpr auto k_settle = std::chrono::seconds(1);
constexpr auto k_settle_step = std::chrono::milliseconds(250);

// One export posted in a cycle: its report, or why there is none.
struct FileRun {
    std::string file;
    std::optional<model::RunReport> report;
    std::string error;
};

// One line per cycle: what woke it (start, change, interval) and what each export posted;
// with --json one JSON object per line, for machines.
void log_cycle(const GlobalOptions& globals, std::string_view trigger,
               const std::vector<FileRun>& runs) {
    auto now = util::format_iso8601(util::system_clock().now());
    model::Counts total;
    for (const auto& run : runs)
        if (run.report) {
            total.selected += run.report->counts.selected;
            total.posted += run.report->counts.posted;
            total.failed += run.report->counts.failed;
            total.skipped += run.report->counts.skipped;
        }
    std::string line;
    if (globals.json) {
        nlohmann::json entry{{"time", now},
                             {"trigger", trigger},
                             {"selected", total.selected},
                             {"posted", total.posted},
                             {"failed", total.failed},
                             {"skipped", total.skipped}};
        entry["files"] = nlohmann::json::array();
        for (const auto& run : runs) {
            nlohmann::json file{{"file", run.file}};
            if (run.report) {
                file["line_item"] = run.report->line_item;
                file["selected"] = run.report->counts.selected;
                file["posted"] = run.report->counts.posted;
                file["failed"] = run.report->counts.failed;
                file["skipped"] = run.report->counts.skipped;
            }
            if (!run.error.empty())
                file["error"] = run.error;
            entry["files"].push_back(std::move(file));
        }
        line = entry.dump() + "\n";
    } else {
        if (globals.quiet)
            return;
        line = now + " " + std::string(trigger) + ":";
        if (runs.empty())
            line += " no new or changed export";
        for (std::size_t i = 0; i < runs.size(); ++i) {
            const auto& run = runs[i];
            line += (i == 0 ? " " : "; ") + run.file + ": ";
            if (run.report)
                line += std::to_string(run.report->counts.posted) + " posted, " +
                        std::to_string(run.report->counts.failed) + " failed, " +
                        std::to_string(run.report->counts.skipped) + " skipped";
            else
                line += run.error;
        }
        line += "\n";
    }
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fflush(stdout);
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
    auto ledger = state_path(globals);
    TerminalObserver observer(globals);
    InterruptGuard interrupt_guard;
    util::ChangeNotifier notifier(options.target);
    util::StabilityTracker tracker(std::min<std::chrono::microseconds>(k_settle, interval));

    // Posts each export that is ready: stable, and new or changed since it was last read.
    auto post_ready_exports = [&] {
        std::vector<FileRun> runs;
        for (const auto& file : util::watched_files(options.target)) {
            if (!tracker.is_ready(file, util::look_at(file), util::system_clock().now()))
                continue;
            FileRun run{file.string(), std::nullopt, {}};
            auto input = options.input;
            input.files = {file.string()};
            try {
                batch::PostRequest request;
                request.plan = plan_request(input);
                request.plan.select.select = policy::Select::fresh;
                request.ledger = ledger;
                PostPlatform platform(connection, line_item, input.roster_file, false);
                run.report = batch::run_post(request, platform, util::system_clock(), observer);
            } catch (const util::Error& error) {
                // Refused credentials end the watch; a bad export, a line item locked by
                // another run or a platform down are reported, and watching goes on.
                if (error.code() == util::ExitCode::config)
                    throw;
                run.error = error.what();
            }
            runs.push_back(std::move(run));
        }
        return runs;
    };

    std::string_view trigger = "start";
    while (!util::is_interrupted()) {
        auto runs = post_ready_exports();
        // An export being written is looked at again shortly, not an interval later.
        while (tracker.is_settling() && !util::is_interrupted()) {
            notifier.wait(k_settle_step);
            for (auto& run : post_ready_exports())
                runs.push_back(std::move(run));
        }
        log_cycle(globals, trigger, runs);
        trigger = notifier.wait(interval) ? "change" : "interval";
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
    watch->add_option("--interval", options->interval,
                      "How often to look without a change notice (inotify): 30s, 2m, 500ms");
    add_line_item_options(*watch, options->line_item, true);
    watch->footer("Example:\n  gradepost watch exports/ --label \"Week 3 quiz\" --interval 30s\n"
                  "  gradepost watch week3.csv --line-item URL --json");
    watch->callback([&globals, &action, options] {
        action = [&globals, options] { return run_watch(globals, *options); };
    });
}

} // namespace gradepost::cli
