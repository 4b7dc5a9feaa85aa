#include "cli/command.hpp"
#include "sandbox/options.hpp"
#include "sandbox/server.hpp"
#include "util/error.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace gradepost::cli {

namespace {

void add_course_options(CLI::App& command, sandbox::SandboxOptions& options) {
    command.add_option("--port", options.port, "Port on 127.0.0.1 (default 0: any free port)")
        ->check(CLI::Range(0, 65535));
    command.add_option("--ready-file", options.ready_file,
                       "Written with the base URL once listening");
    command
        .add_option("--students", options.students,
                    "Seed N students, user ids 1001, 1002, ... (default 10)")
        ->check(CLI::Range(0, 1000000));
    command
        .add_option("--roster", options.roster_file,
                    "Seed students from a CSV: user_id,name,email,lis_person_sourcedid[,roles]")
        ->check(CLI::ExistingFile);
    command.add_option("--lineitem", options.line_items,
                       "Seed a line item LABEL:MAX (repeatable; default \"Quiz 1:10\")");
    command.add_option("--seed", options.seed_file, "Seed course, students and line items (JSON)")
        ->check(CLI::ExistingFile);
    command.add_option("--client-id", options.client_id, "The tool's client id")
        ->capture_default_str();
    command
        .add_option("--public-key", options.public_key_file, "The tool's public key (PEM or JWKS)")
        ->check(CLI::ExistingFile);
    command.add_option("--write-profile", options.write_profile_dir,
                       "Generate a tool key pair and a ready config.json in DIR");
    command
        .add_option("--token-lifetime", options.token_lifetime_seconds,
                    "Lifetime of issued tokens in seconds")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    command.add_option("--scopes", options.scopes,
                       "Scopes the tool may be granted, comma separated (default: all five)");
    command
        .add_option_function<std::string>(
            "--quirks",
            [&options](const std::string& name) {
                options.quirks =
                    sandbox::parse_quirk_mode(name).value_or(sandbox::QuirkMode::strict);
            },
            "Behave like strict|canvas|moodle|openedx|brightspace (default strict)")
        ->check(CLI::IsMember({"strict", "canvas", "moodle", "openedx", "brightspace"}));
    command.add_flag("--ltiaas", options.ltiaas,
                     "Also serve the LTIAAS API (/api/lineitems, ...) with service-key auth; the "
                     "written profile uses it");
    command
        .add_option("--ltiaas-page-size", options.ltiaas_page_size,
                    "Items per LTIAAS page when the request sets no limit (default 100)")
        ->check(CLI::Range(1, 1000000));
    command
        .add_option("--canvas-attempts", options.canvas_attempts,
                    "Canvas quirk: submissions allowed per student (default 0: unlimited)")
        ->check(CLI::NonNegativeNumber);
}

void add_fault_options(CLI::App& command, sandbox::SandboxOptions& options) {
    auto& faults = options.faults;
    const std::string group = "Faults";
    command.add_option("--latency-ms", faults.latency_ms, "Added latency per request")
        ->check(CLI::NonNegativeNumber)
        ->group(group);
    command
        .add_option("--fail-rate", faults.fail_rate, "Fraction of requests answered 500/502/503")
        ->check(CLI::Range(0.0, 1.0))
        ->group(group);
    command
        .add_option("--throttle-rate", faults.throttle_rate,
                    "Fraction of requests answered 429 with Retry-After: 1")
        ->check(CLI::Range(0.0, 1.0))
        ->group(group);
    command
        .add_option("--drop-rate", faults.drop_rate,
                    "Fraction of connections closed without a response")
        ->check(CLI::Range(0.0, 1.0))
        ->group(group);
    command
        .add_flag_callback(
            "--canvas-throttle", [&options] { options.canvas_throttle = true; },
            "Canvas's leaky bucket: 403 Rate Limit Exceeded (on in canvas mode)")
        ->group(group);
    command.add_option("--bucket-size", faults.bucket_size, "Size of the Canvas bucket")
        ->capture_default_str()
        ->check(CLI::PositiveNumber)
        ->group(group);
    command.add_option("--bucket-drain", faults.bucket_drain, "Drain of the bucket per second")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber)
        ->group(group);
    command.add_option("--rps-cap", faults.rps_cap, "Answer 429 above N requests per second")
        ->check(CLI::NonNegativeNumber)
        ->group(group);
    command
        .add_option("--expire-tokens-every", faults.expire_tokens_every,
                    "Invalidate a token after N requests")
        ->check(CLI::NonNegativeNumber)
        ->group(group);
    command
        .add_option("--clock-offset", options.clock_offset_seconds,
                    "Run the platform's clock SECONDS ahead (negative: behind) of this machine's")
        ->group(group);
    command
        .add_option("--fault-seed", options.fault_seed,
                    "Seed of the fault injection, for reproducible runs")
        ->group(group);
}

} // namespace

void add_sandbox_command(CLI::App& app, GlobalOptions& /*globals*/, Action& action) {
    auto* command = app.add_subcommand(
        "sandbox", "Run an LTI 1.3 platform (token, AGS, NRPS) on 127.0.0.1 for tests and demos");
    auto options = std::make_shared<sandbox::SandboxOptions>();
    add_course_options(*command, *options);
    add_fault_options(*command, *options);
    command->footer(
        "Example:\n  gradepost sandbox --students 30 --write-profile /tmp/sandbox\n"
        "  gradepost --config /tmp/sandbox/config.json dry-run samples/attempts.json "
        "--label \"Quiz 1\"\n"
        "  gradepost sandbox --port 0 --ready-file /tmp/ready --fail-rate 0.2   # a flaky LMS\n"
        "  gradepost sandbox --ltiaas --write-profile gp --students 30   # an LTIAAS profile");
    command->callback(
        [options, &action] { action = [options] { return sandbox::run_sandbox(*options); }; });
}

} // namespace gradepost::cli
