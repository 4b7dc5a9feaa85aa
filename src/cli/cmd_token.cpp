#include "cli/command.hpp"
#include "cli/connection.hpp"
#include "util/clock.hpp"
#include "util/time_format.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <nlohmann/json.hpp>

namespace gradepost::cli {

namespace {

struct TokenOptions {
    bool nrps = false;
};

std::vector<std::string> scopes_for(const TokenOptions& options) {
    std::vector<std::string> scopes{std::string(lti::k_scope_lineitem),
                                    std::string(lti::k_scope_result_readonly),
                                    std::string(lti::k_scope_score)};
    if (options.nrps)
        scopes.emplace_back(lti::k_scope_nrps);
    return scopes;
}

int run_token(const GlobalOptions& globals, const TokenOptions& options) {
    Connection connection(globals, scopes_for(options));
    const auto& token = connection.tokens().token();
    const auto& profile = connection.profile();
    auto now = util::system_clock().now();
    bool is_expiry_known = token.expires_at > now;
    auto seconds_left =
        std::chrono::duration_cast<std::chrono::seconds>(token.expires_at - now).count();

    // The token itself is a secret: only what it grants is printed.
    if (globals.json) {
        nlohmann::json json{{"token_url", profile.token_url},
                            {"client_id", profile.client_id},
                            {"scopes", token.scopes}};
        if (is_expiry_known) {
            json["expires_in"] = seconds_left;
            json["expires_at"] = util::format_iso8601(token.expires_at);
        }
        std::puts(json.dump(2).c_str());
        return 0;
    }
    std::string text =
        fmt::format("token obtained from {} for client {}\n",
                    profile.token_url.empty() ? "GRADEPOST_ACCESS_TOKEN" : profile.token_url,
                    profile.client_id);
    text += is_expiry_known ? fmt::format("expires in {} s ({})\n", seconds_left,
                                          util::format_iso8601(token.expires_at))
                            : "expiry unknown (ready-made token)\n";
    text += "granted scopes:\n";
    for (const auto& scope : token.scopes)
        text += "  " + scope + "\n";
    print(globals, text);
    return 0;
}

} // namespace

void add_token_command(CLI::App& app, GlobalOptions& globals, Action& action) {
    auto options = std::make_shared<TokenOptions>();
    auto* token = app.add_subcommand(
        "token", "Check credentials: obtain a token, print granted scopes and expiry");
    token->add_flag("--nrps", options->nrps, "Also ask for the NRPS (roster) scope");
    token->footer("Example:\n  gradepost --profile canvas token\n"
                  "Exit 3 with the platform's error when the token is refused.");
    token->callback(
        [&, options] { action = [&, options] { return run_token(globals, *options); }; });
}

} // namespace gradepost::cli
