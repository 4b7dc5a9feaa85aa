#include "cli/roster_source.hpp"

#include "input/read_roster.hpp"

namespace gradepost::cli {

model::Roster load_roster(const std::string& roster_file, Connection& connection) {
    if (!roster_file.empty())
        return input::read_roster_file(roster_file);
    model::Roster roster;
    for (const auto& member : connection.client().members(connection.memberships_url()))
        roster.push_back({member.user_id, member.name, member.email, member.lis_person_sourcedid});
    return roster;
}

} // namespace gradepost::cli
