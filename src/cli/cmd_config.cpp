#include "cli/command.hpp"
#include "cli/connection.hpp"
#include "config/config_edit.hpp"
#include "config/config_file.hpp"
#include "report/render.hpp"
#include "util/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <memory>

namespace gradepost::cli {

namespace {

struct ConfigOptions {
    std::string profile; // show, use, set-profile
};

// --config, else GRADEPOST_CONFIG or the XDG default.
std::filesystem::path config_path(const GlobalOptions& globals) {
    if (!globals.config_file.empty())
        return globals.config_file;
    auto path = config::default_config_path(config::process_environment);
    if (path.empty())
        throw util::ConfigError(
            "no place for the config file: neither HOME nor XDG_CONFIG_HOME is set; give one "
            "with --config");
    return path;
}

config::ConfigFile read_config(const GlobalOptions& globals) {
    return config::read_config_file(config_path(globals), globals.config_file.empty());
}

// The profile commands use when none is named: --profile, GRADEPOST_PROFILE, the file's
// default_profile, or its only profile. Empty when none applies.
std::string current_profile(const GlobalOptions& globals, const config::ConfigFile& config) {
    if (!globals.profile.empty())
        return globals.profile;
    if (auto name = config::process_environment("GRADEPOST_PROFILE"); name && !name->empty())
        return *name;
    if (!config.default_profile.empty())
        return config.default_profile;
    if (config.profiles.size() == 1)
        return config.profiles.front().name;
    return "";
}

// A profile's fields as the file spells them, in its order; the LTIAAS keys only say that
// they are set: `config` never prints a secret.
std::vector<std::pair<std::string, std::string>> visible_fields(const config::Profile& profile) {
    std::vector<std::pair<std::string, std::string>> fields{
        {"platform", profile.platform},
        {"client_id", profile.client_id},
        {"token_url", profile.token_url},
        {"audience", profile.audience},
        {"private_key_file", profile.private_key_file},
        {"key_id", profile.key_id},
        {"lineitems_url", profile.lineitems_url},
        {"memberships_url", profile.memberships_url},
        {"course", profile.course},
        {"ca_file", profile.ca_file},
        {"ltiaas_url", profile.ltiaas_url},
        {"ltiaas_api_key", profile.ltiaas_api_key.empty() ? "" : "(set)"},
        {"ltiaas_service_key", profile.ltiaas_service_key.empty() ? "" : "(set)"},
    };
    std::erase_if(fields, [](const auto& field) { return field.second.empty(); });
    return fields;
}

const config::Profile& find_profile(const config::ConfigFile& config,
                                    const std::filesystem::path& path, const std::string& name) {
    std::string names;
    for (const auto& profile : config.profiles) {
        if (profile.name == name)
            return profile;
        names += (names.empty() ? "" : ", ") + profile.name;
    }
    throw util::ConfigError(fmt::format("unknown profile \"{}\" (profiles in {}: {})", name,
                                        path.string(), names.empty() ? "none" : names));
}

int run_config_list(const GlobalOptions& globals) {
    auto config = read_config(globals);
    std::string current = current_profile(globals, config);
    if (globals.json) {
        auto profiles = nlohmann::ordered_json::array();
        for (const auto& profile : config.profiles) {
            nlohmann::ordered_json entry{{"name", profile.name},
                                         {"current", profile.name == current}};
            for (const auto& [key, value] : visible_fields(profile))
                entry[key] = value;
            profiles.push_back(entry);
        }
        nlohmann::ordered_json document{{"config_file", config_path(globals).string()},
                                        {"default_profile", config.default_profile},
                                        {"profiles", profiles}};
        std::puts(document.dump(2).c_str());
        return 0;
    }
    if (config.profiles.empty()) {
        print(globals, fmt::format("no profiles in {}; add one with gradepost config set-profile "
                                   "NAME --token-url URL ...",
                                   config_path(globals).string()));
        return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& profile : config.profiles)
        rows.push_back({profile.name == current ? "*" : "", profile.name, profile.platform,
                        profile.client_id,
                        profile.is_ltiaas() ? profile.ltiaas_url : profile.token_url});
    print(globals, report::render_table({"current", "name", "platform", "client_id", "url"}, rows,
                                        output_style(globals)));
    return 0;
}

int run_config_show(const GlobalOptions& globals, const ConfigOptions& options) {
    auto path = config_path(globals);
    auto config = read_config(globals);
    std::string name = options.profile.empty() ? current_profile(globals, config) : options.profile;
    if (name.empty())
        throw util::UsageError(fmt::format(
            "which profile? {} has {}; name one: gradepost config "
            "show PROFILE",
            path.string(), config.profiles.empty() ? "no profiles" : "no default_profile"));
    const auto& profile = find_profile(config, path, name);
    auto fields = visible_fields(profile);
    if (globals.json) {
        nlohmann::ordered_json document{{"name", profile.name},
                                        {"default", profile.name == config.default_profile}};
        for (const auto& [key, value] : fields)
            document[key] = value;
        std::puts(document.dump(2).c_str());
        return 0;
    }
    std::string text =
        fmt::format("profile {}{} ({})\n", profile.name,
                    profile.name == config.default_profile ? ", the default" : "", path.string());
    for (const auto& [key, value] : fields)
        text += fmt::format("  {:<19} {}\n", key + ":", value);
    print(globals, text);
    return 0;
}

int run_config_use(const GlobalOptions& globals, const ConfigOptions& options) {
    auto path = config_path(globals);
    config::use_profile(path, options.profile);
    if (globals.json)
        std::puts(nlohmann::ordered_json{{"default_profile", options.profile},
                                         {"config_file", path.string()}}
                      .dump()
                      .c_str());
    else
        print(globals,
              fmt::format("default profile is now {} ({})", options.profile, path.string()));
    return 0;
}

// The connection flags (global options) name the fields; a token is never stored, and
// --insecure stays a flag of one command, never a setting.
std::vector<config::ProfileField> fields_from_flags(const config::ProfileOverrides& flags) {
    if (flags.access_token)
        throw util::UsageError("--access-token is not stored in a profile (tokens expire; use "
                               "GRADEPOST_ACCESS_TOKEN for one run)");
    if (flags.insecure)
        throw util::UsageError(
            "--insecure is not stored in a profile: give it to the one command that needs it");
    std::vector<config::ProfileField> fields;
    auto add = [&](const char* key, const std::optional<std::string>& value) {
        if (value)
            fields.emplace_back(key, *value);
    };
    add("platform", flags.platform);
    add("client_id", flags.client_id);
    add("token_url", flags.token_url);
    add("audience", flags.audience);
    add("private_key_file", flags.private_key_file);
    add("key_id", flags.key_id);
    add("lineitems_url", flags.lineitems_url);
    add("memberships_url", flags.memberships_url);
    add("course", flags.course);
    add("ca_file", flags.ca_file);
    add("ltiaas_url", flags.ltiaas_url);
    return fields;
}

int run_config_set_profile(const GlobalOptions& globals, const ConfigOptions& options) {
    auto fields = fields_from_flags(globals.connection);
    if (fields.empty())
        throw util::UsageError(
            "nothing to set: give the profile's fields as flags, e.g. gradepost config "
            "set-profile " +
            options.profile + " --token-url URL --client-id ID --key-file FILE");
    auto path = config_path(globals);
    bool is_new = config::set_profile(path, options.profile, fields);
    if (globals.json) {
        std::puts(nlohmann::ordered_json{
            {"profile", options.profile}, {"created", is_new}, {"config_file", path.string()}}
                      .dump()
                      .c_str());
        return 0;
    }
    std::string names;
    for (const auto& field : fields)
        names += (names.empty() ? "" : ", ") + field.first;
    print(globals, fmt::format("{} profile {} in {} ({})", is_new ? "created" : "updated",
                               options.profile, path.string(), names));
    return 0;
}

} // namespace

void add_config_command(CLI::App& app, GlobalOptions& globals, Action& action) {
    // Options live as long as the app's callbacks that hold them, so run() can be called again.
    auto options = std::make_shared<ConfigOptions>();
    auto* config =
        app.add_subcommand("config", "Manage connection profiles (never prints secrets)");
    config->require_subcommand(1);
    config->footer("Examples:\n  gradepost config list\n  gradepost config show canvas\n"
                   "  gradepost config use moodle\n"
                   "  gradepost config set-profile moodle --platform moodle --token-url URL "
                   "--client-id ID --key-file ~/.config/gradepost/keys/moodle.pem");

    auto* list = config->add_subcommand("list", "The profiles; * marks the one in use");
    list->footer("Example:\n  gradepost config list --json");
    list->callback(
        [&globals, &action] { action = [&globals] { return run_config_list(globals); }; });

    auto* show = config->add_subcommand(
        "show", "A profile's settings (default: the one in use); keys shown as (set)");
    show->add_option("PROFILE", options->profile, "The profile to show");
    show->footer("Example:\n  gradepost config show canvas --json");
    show->callback([&globals, &action, options] {
        action = [&globals, options] { return run_config_show(globals, *options); };
    });

    auto* use = config->add_subcommand("use", "Make PROFILE the default (default_profile)");
    use->add_option("PROFILE", options->profile, "The profile to use by default")->required();
    use->footer("Example:\n  gradepost config use moodle");
    use->callback([&globals, &action, options] {
        action = [&globals, options] { return run_config_use(globals, *options); };
    });

    auto* set_profile = config->add_subcommand(
        "set-profile", "Create a profile or change its fields, given as the connection flags");
    set_profile->add_option("NAME", options->profile, "The profile to create or change")
        ->required();
    set_profile->footer(
        "Fields: --platform --client-id --token-url --audience --key-file --key-id --lineitems\n"
        "--memberships --course --ca-file --ltiaas-url (LTIAAS keys: edit the file or use\n"
        "GRADEPOST_LTIAAS_API_KEY and GRADEPOST_LTIAAS_SERVICE_KEY)\n"
        "Example:\n  gradepost config set-profile canvas --platform canvas --client-id "
        "10000000000123 --token-url https://sso.canvaslms.com/login/oauth2/token --key-file "
        "~/.config/gradepost/keys/canvas.pem --key-id gp-2026-11");
    set_profile->callback([&globals, &action, options] {
        action = [&globals, options] { return run_config_set_profile(globals, *options); };
    });
}

} // namespace gradepost::cli
