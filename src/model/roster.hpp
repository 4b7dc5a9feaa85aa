#pragma once

#include <string>
#include <vector>

namespace gradepost::model {

// A member of the course, from NRPS or a --roster file: what --match looks values up in.
struct RosterEntry {
    std::string user_id;
    std::string name;
    std::string email;
    std::string sourcedid;
};

using Roster = std::vector<RosterEntry>;

} // namespace gradepost::model
