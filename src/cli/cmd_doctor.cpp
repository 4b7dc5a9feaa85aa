#include "batch/plan.hpp"
#include "batch/roster_check.hpp"
#include "cli/command.hpp"
#include "cli/connection.hpp"
#include "cli/input_options.hpp"
#include "cli/line_item_choice.hpp"
#include "cli/roster_source.hpp"
#include "util/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>

namespace gradepost::cli {

namespace {

struct DoctorOptions {
    LineItemChoice line_item;
    InputOptions input; // the export whose students the roster check looks for
};

struct Check {
    std::string name;
    bool is_ok = false;
    std::string detail;
    nlohmann::json data; // more for --json, when the check has it
};

// Runs one check; an error becomes a failed check, so every check is reported.
template <typename Function> Check check(std::string name, Function&& function) {
    try {
        std::string detail = function(); // before `name` is moved: it may throw
        return {std::move(name), true, std::move(detail), {}};
    } catch (const std::exception& error) {
        return {std::move(name), false, error.what(), {}};
    }
}

// Up to a few names, then how many more.
std::string some_of(const std::vector<std::string>& names) {
    constexpr std::size_t k_shown = 5;
    std::vector<std::string> shown(names.begin(), names.begin() + std::min(names.size(), k_shown));
    std::string text = fmt::format("{}", fmt::join(shown, ", "));
    if (names.size() > k_shown)
        text += fmt::format(" and {} more", names.size() - k_shown);
    return text;
}

// The export's students against the NRPS roster: fails when none of them can be graded.
Check run_roster_check(Connection& connection, const DoctorOptions& options) {
    batch::RosterCheck result;
    auto checked = check("roster", [&] {
        auto request = plan_request(options.input);
        model::Roster roster;
        if (request.match && *request.match != batch::MatchField::user_id)
            roster = load_roster(options.input.roster_file, connection);
        std::vector<std::string> users;
        for (const auto& kept : batch::read_and_keep(request, roster).kept)
            users.push_back(kept.user_id);
        result =
            batch::check_roster(users, connection.client().members(connection.memberships_url()));
        std::string detail = fmt::format("{} of {} students of the export are gradable",
                                         result.gradable, result.students);
        if (!result.not_in_course.empty())
            detail += fmt::format("; not in the course: {}", some_of(result.not_in_course));
        if (!result.not_active_learners.empty())
            detail += fmt::format("; not active learners: {}", some_of(result.not_active_learners));
        if (result.gradable == 0 && result.students > 0)
            throw util::ConfigError(detail + " (is the course published? the right course?)");
        return detail;
    });
    checked.data = {{"students", result.students},
                    {"gradable", result.gradable},
                    {"not_in_course", result.not_in_course},
                    {"not_active_learners", result.not_active_learners}};
    return checked;
}

int report_checks(const GlobalOptions& globals, const std::vector<Check>& checks);

// The line items container, and the line item's results when one is named.
std::vector<Check> run_gradebook_checks(Connection& connection, const DoctorOptions& options,
                                        std::vector<Check> checks) {
    checks.push_back(check("line items", [&] {
        auto items = connection.client().list_line_items(connection.lineitems_url(), {});
        return fmt::format("{} line items in {}", items.size(), connection.lineitems_url());
    }));
    if (options.line_item.is_given())
        checks.push_back(check("line item", [&] {
            auto url = resolve_line_item(options.line_item, connection);
            auto results = connection.client().results(url, std::nullopt);
            return fmt::format("{} reachable, {} results", url, results.size());
        }));
    if (!options.input.files.empty())
        checks.push_back(run_roster_check(connection, options));
    return checks;
}

// Known once a token was asked for, even when the platform refused it.
std::optional<std::chrono::seconds> platform_clock_offset(Connection& connection) {
    try {
        return connection.tokens().platform_clock_offset();
    } catch (const std::exception&) {
        return std::nullopt; // no token source (bad profile or key): the token check says why
    }
}

int run_doctor(const GlobalOptions& globals, const DoctorOptions& options) {
    std::vector<std::string> needed{std::string(lti::k_scope_lineitem),
                                    std::string(lti::k_scope_result_readonly),
                                    std::string(lti::k_scope_score)};
    if (!options.input.files.empty())
        needed.emplace_back(lti::k_scope_nrps);
    Connection connection(globals, needed);
    std::vector<Check> checks;
    checks.push_back(check("profile", [&] {
        const auto& profile = connection.profile();
        return fmt::format("{} (platform {})", profile.name.empty() ? "flags" : profile.name,
                           lti::to_string(connection.platform()));
    }));
    // LTIAAS holds the token: its keys are checked by the first call, the line items.
    bool is_ltiaas = checks.back().is_ok && connection.profile().is_ltiaas();
    if (is_ltiaas)
        return report_checks(globals, run_gradebook_checks(connection, options, std::move(checks)));
    checks.push_back(check("token", [&] {
        const auto& token = connection.tokens().token();
        std::vector<std::string> missing;
        for (const auto& scope : needed)
            if (std::find(token.scopes.begin(), token.scopes.end(), scope) == token.scopes.end())
                missing.push_back(scope);
        if (!missing.empty())
            throw util::ConfigError("scopes not granted: " +
                                    fmt::format("{}", fmt::join(missing, " ")));
        return fmt::format("granted {} scopes", token.scopes.size());
    }));
    bool is_token_ok = checks.back().is_ok;
    if (auto offset = platform_clock_offset(connection))
        checks.push_back(check("clock", [&] {
            if (std::chrono::abs(*offset) > lti::k_tolerated_clock_offset)
                throw util::ConfigError(lti::describe_clock_offset(*offset) +
                                        "; platforms refuse token requests signed by a clock "
                                        "this far off: sync it (NTP)");
            return lti::describe_clock_offset(*offset);
        }));
    if (is_token_ok)
        checks = run_gradebook_checks(connection, options, std::move(checks));
    return report_checks(globals, checks);
}

int report_checks(const GlobalOptions& globals, const std::vector<Check>& checks) {
    bool is_healthy =
        std::all_of(checks.begin(), checks.end(), [](const Check& c) { return c.is_ok; });
    if (globals.json) {
        auto json = nlohmann::json::array();
        for (const auto& c : checks) {
            nlohmann::json item{{"check", c.name}, {"ok", c.is_ok}, {"detail", c.detail}};
            if (!c.data.is_null())
                item.update(c.data);
            json.push_back(std::move(item));
        }
        std::puts(json.dump(2).c_str());
    } else {
        std::string text;
        for (const auto& c : checks)
            text += fmt::format("{} {:<11} {}\n", c.is_ok ? "ok  " : "FAIL", c.name, c.detail);
        print(globals, text);
    }
    return is_healthy ? 0 : static_cast<int>(util::ExitCode::config);
}

} // namespace

void add_doctor_command(CLI::App& app, GlobalOptions& globals, Action& action) {
    // Options live as long as the app's callbacks that hold them, so run() can be called again.
    auto options = std::make_shared<DoctorOptions>();
    auto* doctor = app.add_subcommand("doctor", "Preflight checks against the platform");
    add_line_item_options(*doctor, options->line_item, false);
    add_input_options(*doctor, options->input);
    doctor->footer("With FILE..., also checks the export's students against the roster (NRPS): "
                   "who is not in the course, who is not an active learner, how many are "
                   "gradable.\n"
                   "Examples:\n  gradepost --profile canvas doctor --label \"Week 3 quiz\"\n"
                   "  gradepost --profile canvas doctor week3.csv --memberships URL");
    doctor->callback([&globals, &action, options] {
        action = [&globals, options] { return run_doctor(globals, *options); };
    });
}

} // namespace gradepost::cli
