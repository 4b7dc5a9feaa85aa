#pragma once

#include "cli/connection.hpp"
#include "model/roster.hpp"

#include <string>

namespace gradepost::cli {

// The roster for --match: the --roster file when given, else the platform's NRPS members.
model::Roster load_roster(const std::string& roster_file, Connection& connection);

} // namespace gradepost::cli
