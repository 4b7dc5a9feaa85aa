#pragma once

#include "config/profile.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace gradepost::config {

// The JSON config file (DESIGN.md, "Connection"):
//   {"default_profile": "NAME",
//    "profiles": {"NAME": {"platform", "client_id", "token_url", "audience",
//                          "private_key_file", "key_id", "lineitems_url",
//                          "memberships_url", "course", "ca_file", "ltiaas_url",
//                          "ltiaas_api_key", "ltiaas_service_key"}}}
// Every value is a string. Unknown keys draw a warning and are ignored, so a file written
// for a newer gradepost still works. Access tokens do not belong here; the LTIAAS keys may
// (the file is the user's, as the private key file is), or come from the environment.
struct ConfigFile {
    std::string default_profile;
    std::vector<Profile> profiles; // in file order; values as written (no `~`, no `{course}`)
};

// Parses the text of a config file; `origin` names it in messages. Throws util::ConfigError
// as "ORIGIN:LINE:COLUMN: what" for bad JSON or a key repeated in one object, "ORIGIN: KEY: what"
// for a bad value.
ConfigFile parse_config_file(std::string_view text, const std::string& origin);

// Reads and parses `path`. A missing file is an empty config when `is_default` (nobody asked
// for it), and a util::ConfigError otherwise.
ConfigFile read_config_file(const std::filesystem::path& path, bool is_default);

} // namespace gradepost::config
