#include "cli/run.hpp"

#include "cli/command.hpp"
#include "cli/command_line_check.hpp"
#include "report/error_json.hpp"
#include "util/error.hpp"
#include "util/log.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>

namespace gradepost::cli {

namespace {

void add_global_options(CLI::App& app, GlobalOptions& globals) {
    app.option_defaults()->always_capture_default();
    app.add_option("--config", globals.config_file,
                   "Config file (default: $XDG_CONFIG_HOME/gradepost/config.json)");
    app.add_option("--profile", globals.profile, "Profile of the config file to use");
    app.add_option("--state", globals.state_file,
                   "State database: a file (default: the profile's state_url, else "
                   "$XDG_STATE_HOME/gradepost/state.db) or "
                   "postgresql://USER@HOST:PORT/DB shared by several runners");
    app.add_flag("--json", globals.json, "Print one JSON document on stdout");
    app.add_flag("-q,--quiet", globals.quiet, "Print nothing but errors");
    app.add_flag("-v,--verbose", globals.verbose, "More detail; -vv traces HTTP, secrets redacted");
    app.add_option("--color", globals.color, "auto|always|never (NO_COLOR is honoured)")
        ->check(CLI::IsMember({"auto", "always", "never"}));

    auto& connection = globals.connection;
    app.add_option("--platform", connection.platform,
                   "generic|canvas|moodle|blackboard|brightspace|sakai|openedx|ltiaas");
    app.add_option("--client-id", connection.client_id, "OAuth2 client id of the tool");
    app.add_option("--token-url", connection.token_url, "The platform's OAuth2 token endpoint");
    app.add_option("--audience", connection.audience,
                   "`aud` of the assertion (default: token URL)");
    app.add_option("--key-file", connection.private_key_file, "The tool's RSA private key (PEM)");
    app.add_option("--key-id", connection.key_id, "`kid` of the tool's key");
    app.add_option("--lineitems", connection.lineitems_url, "The context's line items URL");
    app.add_option("--memberships", connection.memberships_url, "The context's NRPS URL");
    app.add_option("--ltiaas-url", connection.ltiaas_url,
                   "LTIAAS base URL (platform ltiaas; keys from GRADEPOST_LTIAAS_API_KEY, "
                   "GRADEPOST_LTIAAS_SERVICE_KEY)");
    app.add_option("--course", connection.course, "Fills {course} in the profile's URLs");
    app.add_option("--access-token", connection.access_token,
                   "A ready bearer token; skips OAuth (prefer GRADEPOST_ACCESS_TOKEN)");
    app.add_option("--ca-file", connection.ca_file, "CA bundle to verify the platform's TLS");
    app.add_flag("--insecure", connection.insecure, "Do not verify TLS (never use in production)");
    app.add_option("--allow-origin", globals.allowed_origins,
                   "Also send the token to this origin (scheme://host:port); repeatable");

    auto& transport = globals.transport;
    app.add_option("--concurrency", transport.concurrency, "Requests in flight")
        ->check(CLI::Range(1, 256));
    app.add_option("--rate", transport.rate, "At most this many requests per second")
        ->check(CLI::PositiveNumber);
    app.add_option("--retries", transport.retries, "Retries of a failed request")
        ->check(CLI::Range(0, 100));
    app.add_option("--connect-timeout", globals.connect_timeout_seconds, "Seconds to connect")
        ->check(CLI::PositiveNumber);
    app.add_option("--timeout", globals.timeout_seconds,
                   "Seconds for one request, its retries included")
        ->check(CLI::PositiveNumber);
}

// The "kind" of an error's JSON document: the exit code's row of DESIGN.md. Exit 2 is
// "usage" when the command line is wrong and "input" when a file (or what it names) is.
std::string_view kind_of(util::ExitCode code, bool is_command_line) {
    switch (code) {
    case util::ExitCode::ok:
        return "ok";
    case util::ExitCode::some_failed:
        return "partial";
    case util::ExitCode::usage:
        return is_command_line ? "usage" : "input";
    case util::ExitCode::config:
        return "config";
    case util::ExitCode::locked:
        return "locked";
    case util::ExitCode::unreachable:
        return "unreachable";
    case util::ExitCode::interrupted:
        return "interrupted";
    case util::ExitCode::internal:
        break;
    }
    return "internal";
}

// Before parsing, --json is known only from the raw command line.
bool asks_for_json(int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i) {
        std::string_view token = argv[i];
        if (token == "--")
            return false;
        if (token == "--json")
            return true;
    }
    return false;
}

// Every error ends here: "gradepost: error: ..." on stderr and, under --json, the error's
// document on stdout. Returns the exit code.
int report_error(bool json, util::ExitCode code, bool is_command_line, std::string_view message) {
    util::write_log(util::LogLevel::error, message);
    if (json) {
        auto document = report::error_json(static_cast<int>(code), kind_of(code, is_command_line),
                                           util::redact(message));
        std::fwrite(document.data(), 1, document.size(), stdout);
        std::fflush(stdout);
    }
    return static_cast<int>(code);
}

} // namespace

int run(int argc, char** argv) {
    CLI::App app{"gradepost: post grades to an LTI 1.3 platform (Assignment and Grade Services)",
                 "gradepost"};
    app.set_version_flag("--version", GRADEPOST_VERSION);
    app.footer("Example: gradepost --allow-origin https://files.lms.example results --line-item "
               "URL\n(the token goes only to the profile's origins and those allowed)\n"
               "LTIAAS: gradepost --platform ltiaas --ltiaas-url https://school.ltiaas.com "
               "lineitems\n(keys from GRADEPOST_LTIAAS_API_KEY and GRADEPOST_LTIAAS_SERVICE_KEY)");
    app.require_subcommand(1);
    app.fallthrough();

    GlobalOptions globals;
    Action action;
    add_global_options(app, globals);
    add_post_commands(app, globals, action);
    add_lineitems_command(app, globals, action);
    add_results_command(app, globals, action);
    add_roster_command(app, globals, action);
    add_diff_command(app, globals, action);
    add_state_command(app, globals, action);
    add_token_command(app, globals, action);
    add_keys_command(app, globals, action);
    add_sandbox_command(app, globals, action);
    add_doctor_command(app, globals, action);
    add_sync_command(app, globals, action);
    add_watch_command(app, globals, action);
    add_completion_command(app, globals, action);
    add_config_command(app, globals, action);

    try {
        check_command_line(app, argc, argv);
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        // CLI11 numbers its own codes from 100; --help and --version are successes.
        if (error.get_exit_code() == 0)
            return app.exit(error);
        return report_error(asks_for_json(argc, argv), util::ExitCode::usage, true,
                            describe_parse_error(error));
    } catch (const util::Error& error) {
        return report_error(asks_for_json(argc, argv), error.code(), true, error.what());
    }

    util::set_verbosity(globals.quiet ? -1 : globals.verbose);
    globals.transport.connect_timeout =
        std::chrono::milliseconds(static_cast<long>(globals.connect_timeout_seconds * 1000));
    globals.transport.request_timeout =
        std::chrono::milliseconds(static_cast<long>(globals.timeout_seconds * 1000));
    try {
        return action ? action() : 0;
    } catch (const util::Error& error) {
        return report_error(globals.json, error.code(), false, error.what());
    } catch (const std::exception& error) {
        // Not the user's input nor the platform: say so, rather than blame the configuration.
        return report_error(globals.json, util::ExitCode::internal, false,
                            std::string("internal error (a bug in gradepost; please report it): ") +
                                error.what());
    }
}

} // namespace gradepost::cli
