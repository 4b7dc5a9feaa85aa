#include "batch/adopt.hpp"
#include "cli/command.hpp"
#include "cli/connection.hpp"
#include "cli/line_item_choice.hpp"
#include "cli/run_report_output.hpp"
#include "state/run_lock.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace gradepost::cli {

namespace {

struct AdoptOptions {
    LineItemChoice line_item;
    bool yes = false;
};

int run_adopt(const GlobalOptions& globals, const AdoptOptions& options) {
    std::vector<std::string> scopes{std::string(lti::k_scope_result_readonly)};
    if (options.line_item.is_found_by_filters())
        scopes.emplace_back(lti::k_scope_lineitem_readonly);
    Connection connection(globals, scopes);
    state::Target target{connection.platform_key(),
                         resolve_line_item(options.line_item, connection)};
    auto results = connection.client().results(target.line_item, std::nullopt);
    auto now = util::system_clock().now();

    model::RunReport report;
    if (options.yes) {
        // Written like a post: under the line item's lock, so no run posts meanwhile.
        auto path = state_path(globals);
        auto lock = state::RunLock::acquire(path, target, std::chrono::seconds(0));
        auto ledger = state::Ledger::open(path);
        report = batch::adopt(target, results, &ledger, ledger.entries(target), now);
    } else {
        auto entries = state::Ledger::open_read_only(state_path(globals)).entries(target);
        report = batch::adopt(target, results, nullptr, entries, now);
    }
    show_run_report(globals, report);
    if (!globals.json && !options.yes)
        print(globals, "dry run: nothing recorded; pass --yes to record these grades\n");
    return 0;
}

} // namespace

void add_state_adopt_command(CLI::App& state, const GlobalOptions& globals, Action& action) {
    auto options = std::make_shared<AdoptOptions>();
    auto* adopt = state.add_subcommand(
        "adopt",
        "Record the LMS's current grades as this ledger's last posts (dry run by default)");
    add_line_item_options(*adopt, options->line_item, false);
    adopt->add_flag("-y,--yes", options->yes, "Record them (without it: show what would be)");
    adopt->footer(
        "Example:\n  gradepost state adopt --label \"Week 3\"         # what would be recorded\n"
        "  gradepost state adopt --label \"Week 3\" --yes   # rebuild a lost ledger");
    adopt->callback([&globals, &action, options] {
        action = [&globals, options] { return run_adopt(globals, *options); };
    });
}

} // namespace gradepost::cli
