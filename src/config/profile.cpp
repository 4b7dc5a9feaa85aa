#include "config/profile.hpp"

#include "config/config_file.hpp"
#include "config/home.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

#include <cstdlib>

namespace gradepost::config {

namespace {

constexpr std::string_view k_course_placeholder = "{course}";

// An empty variable counts as unset, as the XDG specification says for its own.
std::optional<std::string> non_empty(const Environment& environment, const std::string& name) {
    auto value = environment(name);
    if (value && value->empty())
        return std::nullopt;
    return value;
}

std::string profile_names(const std::vector<Profile>& profiles) {
    std::string names;
    for (const auto& profile : profiles)
        names += (names.empty() ? "" : ", ") + profile.name;
    return names;
}

const Profile* choose_profile(const ConfigFile& config, const std::filesystem::path& config_file,
                              const std::optional<std::string>& requested) {
    auto find = [&](const std::string& name) -> const Profile* {
        for (const auto& profile : config.profiles)
            if (profile.name == name)
                return &profile;
        return nullptr;
    };
    if (requested) {
        if (const Profile* profile = find(*requested))
            return profile;
        // A configuration problem (exit 3), like a default_profile that is not there.
        std::error_code ignored;
        if (config_file.empty() || !std::filesystem::exists(config_file, ignored))
            throw util::ConfigError(fmt::format(
                "unknown profile \"{}\": there is no config file (looked for {})", *requested,
                config_file.empty() ? "$XDG_CONFIG_HOME or $HOME" : config_file.string()));
        if (config.profiles.empty())
            throw util::ConfigError(fmt::format("unknown profile \"{}\": {} has no profiles",
                                                *requested, config_file.string()));
        throw util::ConfigError(fmt::format("unknown profile \"{}\" (profiles in {}: {})",
                                            *requested, config_file.string(),
                                            profile_names(config.profiles)));
    }
    if (!config.default_profile.empty()) {
        if (const Profile* profile = find(config.default_profile))
            return profile;
        throw util::ConfigError(fmt::format(
            "{}: default_profile \"{}\" is not among the profiles ({})", config_file.string(),
            config.default_profile, profile_names(config.profiles)));
    }
    if (config.profiles.size() == 1)
        return &config.profiles.front();
    if (config.profiles.empty())
        return nullptr;
    throw util::UsageError(fmt::format("{} has several profiles and no default_profile: choose one "
                                       "with --profile ({})",
                                       config_file.string(), profile_names(config.profiles)));
}

void override_with(std::string& field, const std::optional<std::string>& value) {
    if (value)
        field = *value;
}

void fill_course(std::string& url, const std::string& course) {
    if (course.empty())
        return; // left as is: the command that uses the URL says what is missing
    for (auto at = url.find(k_course_placeholder); at != std::string::npos;
         at = url.find(k_course_placeholder, at + course.size()))
        url.replace(at, k_course_placeholder.size(), course);
}

std::filesystem::path xdg_path(const Environment& environment, const std::string& override_name,
                               const std::string& xdg_name, const std::string& home_relative,
                               const std::string& file_name) {
    auto home = non_empty(environment, "HOME");
    if (auto path = non_empty(environment, override_name))
        return expand_home(*path, home);
    // The XDG specification: a relative value is invalid and must be ignored.
    if (auto base = non_empty(environment, xdg_name); base && base->front() == '/')
        return std::filesystem::path(*base) / "gradepost" / file_name;
    if (home)
        return std::filesystem::path(*home) / home_relative / "gradepost" / file_name;
    return {};
}

} // namespace

std::optional<std::string> process_environment(const std::string& name) {
    const char* value = std::getenv(name.c_str());
    if (!value)
        return std::nullopt;
    return std::string(value);
}

Profile resolve_profile(const std::filesystem::path& config_file, bool is_default_config_file,
                        const std::optional<std::string>& profile_name,
                        const ProfileOverrides& overrides, const Environment& environment) {
    ConfigFile config;
    if (!config_file.empty())
        config = read_config_file(config_file, is_default_config_file);

    std::optional<std::string> requested = profile_name;
    if (requested && requested->empty())
        requested.reset();
    if (!requested)
        requested = non_empty(environment, "GRADEPOST_PROFILE");

    Profile profile;
    if (const Profile* chosen = choose_profile(config, config_file, requested))
        profile = *chosen;

    override_with(profile.access_token, non_empty(environment, "GRADEPOST_ACCESS_TOKEN"));
    override_with(profile.ltiaas_api_key, non_empty(environment, "GRADEPOST_LTIAAS_API_KEY"));
    override_with(profile.ltiaas_service_key,
                  non_empty(environment, "GRADEPOST_LTIAAS_SERVICE_KEY"));

    override_with(profile.platform, overrides.platform);
    override_with(profile.client_id, overrides.client_id);
    override_with(profile.token_url, overrides.token_url);
    override_with(profile.audience, overrides.audience);
    override_with(profile.private_key_file, overrides.private_key_file);
    override_with(profile.key_id, overrides.key_id);
    override_with(profile.lineitems_url, overrides.lineitems_url);
    override_with(profile.memberships_url, overrides.memberships_url);
    override_with(profile.course, overrides.course);
    override_with(profile.access_token, overrides.access_token);
    override_with(profile.ca_file, overrides.ca_file);
    override_with(profile.ltiaas_url, overrides.ltiaas_url);
    profile.insecure = profile.insecure || overrides.insecure;

    auto home = non_empty(environment, "HOME");
    profile.private_key_file = expand_home(profile.private_key_file, home);
    profile.ca_file = expand_home(profile.ca_file, home);
    if (!profile.state_url.starts_with("postgres"))
        profile.state_url = expand_home(profile.state_url, home);
    fill_course(profile.lineitems_url, profile.course);
    fill_course(profile.memberships_url, profile.course);
    return profile;
}

std::filesystem::path default_config_path(const Environment& environment) {
    return xdg_path(environment, "GRADEPOST_CONFIG", "XDG_CONFIG_HOME", ".config", "config.json");
}

std::filesystem::path choose_state_path(const std::string& state_flag,
                                        const std::string& profile_state_url,
                                        const Environment& environment) {
    if (!state_flag.empty())
        return state_flag;
    if (!non_empty(environment, "GRADEPOST_STATE") && !profile_state_url.empty())
        return profile_state_url;
    return default_state_path(environment);
}

std::filesystem::path default_state_path(const Environment& environment) {
    auto path =
        xdg_path(environment, "GRADEPOST_STATE", "XDG_STATE_HOME", ".local/state", "state.db");
    if (path.empty())
        throw util::ConfigError("no place for the state database: neither HOME nor "
                                "XDG_STATE_HOME is set; give one with --state");
    return path;
}

} // namespace gradepost::config
