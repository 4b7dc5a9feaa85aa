#include "config/config_file.hpp"

#include "config/duplicate_keys.hpp"
#include "util/error.hpp"
#include "util/log.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <utility>

namespace gradepost::config {

namespace {

using Json = nlohmann::ordered_json;

// nlohmann reports the 1-based byte where parsing stopped; editors want line:column.
std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t byte) {
    std::size_t offset = std::min(byte == 0 ? 0 : byte - 1, text.size());
    std::size_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    return {line, offset - line_start + 1};
}

// "[json.exception.parse_error.101] parse error at line 2, column 8: syntax error ..." →
// "syntax error ...": the position is given in our own format.
std::string parse_error_text(const std::string& what) {
    static const std::regex prefix(
        R"(^\[json\.exception\.[a-z_]+\.\d+\] (parse error( at line \d+, column \d+)?: )?)");
    return std::regex_replace(what, prefix, "");
}

std::string string_value(const Json& value, const std::string& origin, const std::string& key) {
    if (!value.is_string())
        throw util::ConfigError(
            fmt::format("{}: {}: expected a string, found {}", origin, key, value.type_name()));
    return value.get<std::string>();
}

std::string* profile_field(Profile& profile, const std::string& key) {
    static const std::pair<const char*, std::string Profile::*> k_fields[] = {
        {"platform", &Profile::platform},
        {"client_id", &Profile::client_id},
        {"token_url", &Profile::token_url},
        {"audience", &Profile::audience},
        {"private_key_file", &Profile::private_key_file},
        {"key_id", &Profile::key_id},
        {"lineitems_url", &Profile::lineitems_url},
        {"memberships_url", &Profile::memberships_url},
        {"course", &Profile::course},
        {"ca_file", &Profile::ca_file},
        {"ltiaas_url", &Profile::ltiaas_url},
        {"ltiaas_api_key", &Profile::ltiaas_api_key},
        {"ltiaas_service_key", &Profile::ltiaas_service_key},
        {"state_url", &Profile::state_url},
    };
    for (const auto& [name, member] : k_fields)
        if (key == name)
            return &(profile.*member);
    return nullptr;
}

Profile parse_profile(const std::string& name, const Json& entry, const std::string& origin) {
    std::string where = "profiles." + name;
    if (!entry.is_object())
        throw util::ConfigError(
            fmt::format("{}: {}: expected an object, found {}", origin, where, entry.type_name()));
    Profile profile;
    profile.name = name;
    for (const auto& [key, value] : entry.items()) {
        if (std::string* field = profile_field(profile, key))
            *field = string_value(value, origin, where + "." + key);
        else
            util::warn("{}: unknown key \"{}.{}\" ignored", origin, where, key);
    }
    return profile;
}

} // namespace

ConfigFile parse_config_file(std::string_view text, const std::string& origin) {
    Json document;
    try {
        document = Json::parse(text);
    } catch (const nlohmann::json::parse_error& error) {
        auto [line, column] = line_and_column(text, error.byte);
        throw util::ConfigError(
            fmt::format("{}:{}:{}: {}", origin, line, column, parse_error_text(error.what())));
    }
    if (auto duplicate = find_duplicate_key(text)) {
        auto [line, column] = line_and_column(text, duplicate->offset + 1);
        throw util::ConfigError(fmt::format("{}:{}:{}: key \"{}\" appears twice in the same "
                                            "object; keep one",
                                            origin, line, column, duplicate->key));
    }
    if (!document.is_object())
        throw util::ConfigError(fmt::format("{}: expected a JSON object at the top, found {}",
                                            origin, document.type_name()));

    ConfigFile config;
    for (const auto& [key, value] : document.items()) {
        if (key == "default_profile") {
            config.default_profile = string_value(value, origin, key);
        } else if (key == "profiles") {
            if (!value.is_object())
                throw util::ConfigError(fmt::format("{}: profiles: expected an object, found {}",
                                                    origin, value.type_name()));
            for (const auto& [name, entry] : value.items())
                config.profiles.push_back(parse_profile(name, entry, origin));
        } else {
            util::warn("{}: unknown key \"{}\" ignored", origin, key);
        }
    }
    return config;
}

ConfigFile read_config_file(const std::filesystem::path& path, bool is_default) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        int error = errno;
        std::error_code ignored;
        if (is_default && !std::filesystem::exists(path, ignored))
            return {};
        throw util::ConfigError(
            fmt::format("cannot read config file {}: {}", path.string(), std::strerror(error)));
    }
    std::ostringstream text;
    text << file.rdbuf();
    return parse_config_file(text.str(), path.string());
}

} // namespace gradepost::config
