#include "cli/command.hpp"
#include "cli/connection.hpp"
#include "report/render.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace gradepost::cli {

namespace {

std::string join(const std::vector<std::string>& values) {
    std::string joined;
    for (const auto& value : values) {
        // Roles are long IRIs; the part after '#' is what people read.
        auto hash = value.rfind('#');
        joined += (joined.empty() ? "" : " ") +
                  (hash == std::string::npos ? value : value.substr(hash + 1));
    }
    return joined;
}

int run_roster(const GlobalOptions& globals) {
    Connection connection(globals, {std::string(lti::k_scope_nrps)});
    auto members = connection.client().members(connection.memberships_url());
    if (globals.json) {
        auto json = nlohmann::json::array();
        for (const auto& member : members)
            json.push_back({{"user_id", member.user_id},
                            {"name", member.name},
                            {"email", member.email},
                            {"lis_person_sourcedid", member.lis_person_sourcedid},
                            {"roles", member.roles},
                            {"status", member.status}});
        std::puts(json.dump(2).c_str());
        return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& member : members)
        rows.push_back({member.user_id, member.name, member.email, member.lis_person_sourcedid,
                        join(member.roles)});
    print(globals, report::render_table({"user_id", "name", "email", "sourcedid", "roles"}, rows,
                                        output_style(globals)));
    return 0;
}

} // namespace

void add_roster_command(CLI::App& app, GlobalOptions& globals, Action& action) {
    auto* roster = app.add_subcommand("roster", "List the members of the context (NRPS)");
    roster->footer("Example:\n  gradepost roster --memberships URL --json");
    roster->callback([&] { action = [&] { return run_roster(globals); }; });
}

} // namespace gradepost::cli
