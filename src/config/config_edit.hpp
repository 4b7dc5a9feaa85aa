#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace gradepost::config {

// Edits of the JSON config file that keep everything else in it: the other profiles, keys
// this version does not know, the order of keys. The file is read and checked first (a bad
// file is a util::ConfigError naming file, line and column, and is left as it is); the new
// text goes to a temporary file in the same folder, flushed to disk, then renamed over the
// file, so a crash leaves the old file or the new one, never half of one. A new file (and
// its folder) is created private, 0600: it may hold LTIAAS keys. An existing file keeps its
// mode.

// Makes `name` the default_profile. Throws util::ConfigError when the file does not exist
// or has no such profile (listing those it has).
void use_profile(const std::filesystem::path& config_file, const std::string& name);

// One field of a profile as the file spells it: {"token_url", "https://..."}.
using ProfileField = std::pair<std::string, std::string>;

// Creates profile `name`, or sets the given fields of an existing one (others are kept).
// The file is created when missing; a new file's only profile becomes its default.
// Returns true when the profile is new. Throws util::UsageError for a field a profile does
// not have or an empty name.
bool set_profile(const std::filesystem::path& config_file, const std::string& name,
                 const std::vector<ProfileField>& fields);

} // namespace gradepost::config
