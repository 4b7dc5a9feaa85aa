#include "cli/command.hpp"
#include "cli/connection.hpp"
#include "state/ledger.hpp"
#include "util/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>

namespace gradepost::cli {

namespace {

struct MigrateOptions {
    std::string to;
};

int run_migrate(const GlobalOptions& globals, const MigrateOptions& options) {
    auto from = state_path(globals);
    if (!state::Ledger::is_database_url(options.to))
        throw util::UsageError("--to needs a postgresql:// or postgres:// URL, not " +
                               state::Ledger::display_name(options.to));
    if (state::Ledger::is_database_url(from))
        throw util::UsageError("state migrate copies an SQLite ledger file; --state is " +
                               state::Ledger::display_name(from));
    if (!std::filesystem::exists(from))
        throw util::UsageError("the ledger " + from.string() + " does not exist; nothing to copy");

    // Everything is read before the target is touched, and written in one transaction there.
    auto contents = state::Ledger::open_read_only(from).contents();
    state::Ledger::open(options.to).import(contents);

    std::size_t entries = 0;
    std::size_t history = 0;
    for (const auto& item : contents) {
        entries += item.entries.size();
        history += item.history.size();
    }
    auto to = state::Ledger::display_name(options.to);
    if (globals.json)
        std::puts(nlohmann::json{{"from", from.string()},
                                 {"to", to},
                                 {"line_items", contents.size()},
                                 {"entries", entries},
                                 {"history", history}}
                      .dump()
                      .c_str());
    else
        print(globals, fmt::format("copied {} line items ({} entries, {} history rows) from {} "
                                   "to {}",
                                   contents.size(), entries, history, from.string(), to));
    return 0;
}

} // namespace

void add_state_migrate_command(CLI::App& state, const GlobalOptions& globals, Action& action) {
    static MigrateOptions options;
    auto* migrate = state.add_subcommand(
        "migrate", "Copy the SQLite ledger (--state or the default) into an empty PostgreSQL "
                   "database");
    migrate->add_option("--to", options.to, "postgresql://USER@HOST:PORT/DB to copy into")
        ->required();
    migrate->footer("Example:\n  gradepost state migrate --to postgresql://grader@db.example:5432/"
                    "gradepost\n"
                    "Stop runs using the SQLite ledger first. A database that already holds a "
                    "ledger is refused and left untouched; then point --state at it.");
    migrate->callback([&] { action = [&] { return run_migrate(globals, options); }; });
}

} // namespace gradepost::cli
