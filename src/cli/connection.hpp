#pragma once

#include "cli/command.hpp"
#include "config/private_key.hpp"
#include "config/profile.hpp"
#include "http/transport.hpp"
#include "lti/ags_client.hpp"
#include "lti/platform.hpp"
#include "lti/token.hpp"
#include "model/request_counts.hpp"
#include "report/render.hpp"
#include "state/ledger.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gradepost::cli {

// What a command needs to reach the platform, built on first use so that commands that
// do not talk to it (dry-run --offline, state show) need no profile, key or network.
class Connection {
public:
    // `scopes`: what the command's token asks for, no more.
    Connection(const GlobalOptions& globals, std::vector<std::string> scopes);
    // Another course of the same profile: its own URLs, but `first`'s transport and token
    // source (one client id is one token, one concurrency budget and one Canvas bucket).
    // `first` must outlive this connection.
    Connection(const GlobalOptions& globals, Connection& first);
    ~Connection();

    const config::Profile& profile();
    lti::Platform platform();
    // The ledger's key for this platform: token URL and client id.
    std::string platform_key();

    lti::GradebookClient& client();
    lti::TokenSource& tokens();
    // What was sent so far; nothing when the platform was never contacted. A connection that
    // shares another's transport counts only its own score posts (the first counts the rest).
    std::optional<model::RequestCounts> request_counts() const;

    // The container of line items, or a usage error saying how to give it. For an LTIAAS
    // profile, the LTIAAS endpoints.
    const std::string& lineitems_url();
    const std::string& memberships_url();
    // The LTIAAS base URL of an ltiaas profile, or a usage error saying how to give it.
    const std::string& ltiaas_url();

private:
    http::Transport& transport();

    const GlobalOptions& m_globals;
    std::vector<std::string> m_scopes;
    Connection* m_first = nullptr; // whose transport and tokens this one shares
    std::optional<config::Profile> m_profile;
    std::filesystem::path m_config_path; // the file the profile was read from, or looked for
    std::optional<config::PrivateKey> m_key;
    std::unique_ptr<http::Transport> m_transport;
    std::unique_ptr<lti::TokenSource> m_tokens;
    std::unique_ptr<lti::GradebookClient> m_client;
    std::string m_ltiaas_lineitems_url;
    std::string m_ltiaas_memberships_url;
};

// The profile a command runs with: the config file (--config, GRADEPOST_CONFIG or the XDG
// default), the profile (--profile, GRADEPOST_PROFILE, default_profile), then environment and
// flags. `config_path`, when given, receives the file looked at. Throws util::ConfigError.
config::Profile resolve_command_profile(const GlobalOptions& globals,
                                        std::filesystem::path* config_path);

// Where the ledger lives: --state, GRADEPOST_STATE, the profile's state_url, or the XDG
// default.
std::filesystem::path state_path(const GlobalOptions& globals);

// Colours for stdout per --color and NO_COLOR.
report::Style output_style(const GlobalOptions& globals);

// Prints to stdout unless --quiet.
void print(const GlobalOptions& globals, const std::string& text);

// Asks a yes/no question on the terminal; false when stdin is not a terminal.
bool confirm(const std::string& question);

} // namespace gradepost::cli
