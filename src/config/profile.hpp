#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace gradepost::config {

// A connection profile (DESIGN.md, "Connection"): the JSON config file's entry, then
// environment, then flags, each overriding the one before.
struct Profile {
    std::string name;
    std::string platform; // empty: guessed from the URLs
    std::string client_id;
    std::string token_url;
    std::string audience;
    std::string private_key_file;
    std::string key_id;
    std::string lineitems_url;   // `{course}` already filled in
    std::string memberships_url; // `{course}` already filled in
    std::string course;
    std::string access_token; // secret; from --access-token or GRADEPOST_ACCESS_TOKEN only
    std::string ca_file;
    bool insecure = false;
    // platform "ltiaas": the LTIAAS API instead of the LMS (DESIGN.md, "Backends")
    std::string ltiaas_url;
    std::string ltiaas_api_key;     // secret; config file or GRADEPOST_LTIAAS_API_KEY
    std::string ltiaas_service_key; // secret; config file or GRADEPOST_LTIAAS_SERVICE_KEY
    // The ledger of this profile's runs when --state is not given: an SQLite file or a
    // postgresql:// URL.
    std::string state_url;

    bool is_ltiaas() const { return platform == "ltiaas"; }
};

// Flags given on the command line; unset ones leave the profile's value.
struct ProfileOverrides {
    std::optional<std::string> platform, client_id, token_url, audience, private_key_file, key_id,
        lineitems_url, memberships_url, course, access_token, ca_file, ltiaas_url;
    bool insecure = false;
};

using Environment = std::function<std::optional<std::string>(const std::string&)>;

// The process environment.
std::optional<std::string> process_environment(const std::string& name);

// Reads the config file (a missing default file is an empty config; a missing named file is
// an error), picks the profile (--profile, GRADEPOST_PROFILE, default_profile, the only one),
// applies environment and flags, expands `~` and fills `{course}` (a URL keeps `{course}` when
// no course is given: the command using it reports that). Throws util::ConfigError naming the
// file, also for an unknown profile (listing those that exist).
Profile resolve_profile(const std::filesystem::path& config_file, bool is_default_config_file,
                        const std::optional<std::string>& profile_name,
                        const ProfileOverrides& overrides, const Environment& environment);

// $XDG_CONFIG_HOME/gradepost/config.json (or ~/.config/...), GRADEPOST_CONFIG first; an
// empty path when neither XDG_CONFIG_HOME nor HOME is set (no config file then).
std::filesystem::path default_config_path(const Environment& environment);
// Where the ledger lives: `state_flag` (--state), else GRADEPOST_STATE, else the profile's
// state_url, else the XDG default below. Throws util::ConfigError as that does.
std::filesystem::path choose_state_path(const std::string& state_flag,
                                        const std::string& profile_state_url,
                                        const Environment& environment);

// $XDG_STATE_HOME/gradepost/state.db (or ~/.local/state/...), GRADEPOST_STATE first. Throws
// util::ConfigError when neither XDG_STATE_HOME nor HOME is set.
std::filesystem::path default_state_path(const Environment& environment);

} // namespace gradepost::config
