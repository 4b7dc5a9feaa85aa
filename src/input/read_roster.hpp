#pragma once

#include "model/roster.hpp"

#include <filesystem>
#include <string_view>

namespace gradepost::input {

// A --roster file: CSV with a `user_id` column and any of `email`, `lis_person_sourcedid`
// (or `sourcedid`, `sis_id`), `name` (columns found like an export's, case-insensitively).
// Throws util::UsageError naming file:line for a missing user_id column or an empty user id.
model::Roster read_roster(std::string_view text, std::string_view file_name);
model::Roster read_roster_file(const std::filesystem::path& file);

} // namespace gradepost::input
