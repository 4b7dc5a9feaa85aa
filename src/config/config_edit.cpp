#include "config/config_edit.hpp"

#include "config/config_file.hpp"
#include "util/error.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gradepost::config {

namespace {

using Json = nlohmann::ordered_json;

constexpr mode_t k_new_file_mode = 0600;

std::string system_error(const std::string& what, const std::filesystem::path& path) {
    return fmt::format("{} {}: {}", what, path.string(), std::strerror(errno));
}

// The file's text, or nothing when it does not exist.
std::optional<std::string> read_text(const std::filesystem::path& path) {
    std::error_code ignored;
    if (!std::filesystem::exists(path, ignored))
        return std::nullopt;
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw util::ConfigError(system_error("cannot read config file", path));
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

// Writes all of `text` to a temporary file beside `path`, then renames it over `path`.
void replace_file(const std::filesystem::path& path, const std::string& text) {
    std::filesystem::path folder = path.parent_path();
    if (!folder.empty()) {
        std::error_code error;
        std::filesystem::create_directories(folder, error);
        if (error)
            throw util::ConfigError(
                fmt::format("cannot create the folder {}: {}", folder.string(), error.message()));
    }
    mode_t mode = k_new_file_mode;
    if (struct stat existing{}; ::stat(path.c_str(), &existing) == 0)
        mode = existing.st_mode & 07777;

    std::string temporary = path.string() + ".XXXXXX";
    int fd = ::mkstemp(temporary.data());
    if (fd < 0)
        throw util::ConfigError(system_error("cannot write beside config file", path));
    auto fail = [&](const std::string& what) {
        std::string message = system_error(what, temporary);
        ::close(fd);
        ::unlink(temporary.c_str());
        throw util::ConfigError(message);
    };
    if (::fchmod(fd, mode) != 0)
        fail("cannot set the mode of");
    for (std::size_t written = 0; written < text.size();) {
        ssize_t count = ::write(fd, text.data() + written, text.size() - written);
        if (count < 0) {
            if (errno == EINTR)
                continue;
            fail("cannot write");
        }
        written += static_cast<std::size_t>(count);
    }
    // The data reaches the disk before the name does, so a crash never leaves an empty file.
    if (::fsync(fd) != 0)
        fail("cannot flush");
    if (::close(fd) != 0) {
        std::string message = system_error("cannot write", temporary);
        ::unlink(temporary.c_str());
        throw util::ConfigError(message);
    }
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        std::string message = system_error("cannot replace config file", path);
        ::unlink(temporary.c_str());
        throw util::ConfigError(message);
    }
}

// The document to edit: checked by the same parser as every command, then as ordered JSON so
// that what is written back keeps the file's order and unknown keys.
Json read_document(const std::filesystem::path& path, const std::string& text) {
    parse_config_file(text, path.string());
    return Json::parse(text);
}

void write_document(const std::filesystem::path& path, const Json& document) {
    replace_file(path, document.dump(2) + "\n");
}

bool is_profile_field(const std::string& key) {
    static constexpr std::string_view k_keys[] = {
        "platform",   "client_id",      "token_url",         "audience", "private_key_file",
        "key_id",     "lineitems_url",  "memberships_url",   "course",   "ca_file",
        "ltiaas_url", "ltiaas_api_key", "ltiaas_service_key"};
    return std::find(std::begin(k_keys), std::end(k_keys), key) != std::end(k_keys);
}

} // namespace

void use_profile(const std::filesystem::path& config_file, const std::string& name) {
    auto text = read_text(config_file);
    if (!text)
        throw util::ConfigError(fmt::format("there is no config file {}: create a profile with "
                                            "`gradepost config set-profile {} --token-url ...`",
                                            config_file.string(), name));
    Json document = read_document(config_file, *text);
    const Json* profiles = document.contains("profiles") ? &document["profiles"] : nullptr;
    if (!profiles || !profiles->contains(name)) {
        std::string names;
        if (profiles)
            for (const auto& [key, value] : profiles->items())
                names += (names.empty() ? "" : ", ") + key;
        throw util::ConfigError(fmt::format("unknown profile \"{}\" (profiles in {}: {})", name,
                                            config_file.string(), names.empty() ? "none" : names));
    }
    document["default_profile"] = name;
    write_document(config_file, document);
}

bool set_profile(const std::filesystem::path& config_file, const std::string& name,
                 const std::vector<ProfileField>& fields) {
    if (name.empty())
        throw util::UsageError("a profile needs a name");
    for (const auto& [key, value] : fields)
        if (!is_profile_field(key))
            throw util::UsageError(fmt::format("a profile has no field \"{}\"", key));
    auto text = read_text(config_file);
    bool is_new_file = !text;
    // A new file's only profile is its default, written first as DESIGN.md shows it.
    Json document =
        is_new_file ? Json{{"default_profile", name}} : read_document(config_file, *text);
    Json& profiles = document["profiles"];
    if (profiles.is_null())
        profiles = Json::object();
    bool is_new_profile = !profiles.contains(name);
    Json& profile = profiles[name];
    if (profile.is_null())
        profile = Json::object();
    for (const auto& [key, value] : fields)
        profile[key] = value;
    write_document(config_file, document);
    return is_new_profile;
}

} // namespace gradepost::config
