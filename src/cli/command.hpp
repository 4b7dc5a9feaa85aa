#pragma once

#include "config/profile.hpp"
#include "http/transport.hpp"

#include <functional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace gradepost::cli {

// Options every command takes (DESIGN.md, "Global options" and "Connection").
struct GlobalOptions {
    std::string config_file; // empty: default path
    std::string profile;
    std::string state_file; // empty: default path
    bool json = false;
    bool quiet = false;
    int verbose = 0;
    std::string color = "auto";
    config::ProfileOverrides connection;
    http::TransportOptions transport;
    double connect_timeout_seconds = 10;
    double timeout_seconds = 60;
    std::vector<std::string> allowed_origins; // --allow-origin: beyond the profile's URLs
};

// What a command does once the command line is parsed; returns the exit code.
using Action = std::function<int()>;

// Each cmd_<name>.cpp adds its subcommand; the subcommand's callback stores its Action.
void add_post_commands(CLI::App& app, GlobalOptions& globals, Action& action); // post, dry-run
void add_lineitems_command(CLI::App& app, GlobalOptions& globals, Action& action);
void add_results_command(CLI::App& app, GlobalOptions& globals, Action& action);
void add_roster_command(CLI::App& app, GlobalOptions& globals, Action& action);
void add_diff_command(CLI::App& app, GlobalOptions& globals, Action& action);
void add_state_command(CLI::App& app, GlobalOptions& globals, Action& action);
void add_state_adopt_command(CLI::App& state, const GlobalOptions& globals, Action& action);
void add_state_migrate_command(CLI::App& state, const GlobalOptions& globals, Action& action);
void add_token_command(CLI::App& app, GlobalOptions& globals, Action& action);
void add_keys_command(CLI::App& app, GlobalOptions& globals, Action& action);
void add_sandbox_command(CLI::App& app, GlobalOptions& globals, Action& action);
void add_doctor_command(CLI::App& app, GlobalOptions& globals, Action& action);
void add_sync_command(CLI::App& app, GlobalOptions& globals, Action& action);
void add_watch_command(CLI::App& app, GlobalOptions& globals, Action& action);
void add_completion_command(CLI::App& app, GlobalOptions& globals, Action& action);
void add_config_command(CLI::App& app, GlobalOptions& globals, Action& action);

} // namespace gradepost::cli
