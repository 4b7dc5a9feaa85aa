#include "sandbox/profile_writer.hpp"

#include "util/error.hpp"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gradepost::sandbox {

namespace {

// Created with `mode` from the start, so a private key is never readable by others, not
// even for a moment.
void write_file(const std::filesystem::path& file, const std::string& content, mode_t mode) {
    std::filesystem::path temporary = file;
    temporary += ".tmp";
    int descriptor = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    bool is_written = descriptor >= 0 && ::fchmod(descriptor, mode) == 0;
    for (std::size_t done = 0; is_written && done < content.size();) {
        ssize_t count = ::write(descriptor, content.data() + done, content.size() - done);
        is_written = count > 0;
        done += is_written ? static_cast<std::size_t>(count) : 0;
    }
    if (descriptor >= 0)
        is_written = ::close(descriptor) == 0 && is_written;
    if (!is_written || ::rename(temporary.c_str(), file.c_str()) != 0) {
        ::unlink(temporary.c_str());
        throw util::ConfigError("cannot write " + file.string());
    }
}

} // namespace

void write_tool_profile(const std::filesystem::path& directory, const GeneratedKeyPair& keys,
                        const ToolProfile& profile) {
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error)
        throw util::ConfigError("cannot create " + directory.string() + ": " + error.message());
    auto absolute = std::filesystem::absolute(directory);
    auto private_key_file = absolute / "tool-private.pem";

    write_file(private_key_file, keys.private_pem, 0600);
    write_file(absolute / "tool-public.pem", keys.public_pem, 0644);
    write_file(absolute / "jwks.json", keys.jwks.dump(2) + "\n", 0644);
    nlohmann::json config = {{"default_profile", "sandbox"},
                             {"profiles",
                              {{"sandbox",
                                {{"platform", profile.platform},
                                 {"client_id", profile.client_id},
                                 {"token_url", profile.token_url},
                                 {"lineitems_url", profile.lineitems_url},
                                 {"memberships_url", profile.memberships_url},
                                 {"private_key_file", private_key_file.string()},
                                 {"key_id", keys.kid}}}}}};
    if (profile.ltiaas) {
        config["profiles"]["sandbox"] = {{"platform", "ltiaas"},
                                         {"ltiaas_url", profile.ltiaas->url},
                                         {"ltiaas_api_key", profile.ltiaas->api_key},
                                         {"ltiaas_service_key", profile.ltiaas->service_key}};
        write_file(absolute / "config.json", config.dump(2) + "\n", 0600);
        return;
    }
    write_file(absolute / "config.json", config.dump(2) + "\n", 0644);
}

} // namespace gradepost::sandbox
