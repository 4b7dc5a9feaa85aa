#include "cli/command.hpp"
#include "cli/connection.hpp"
#include "config/home.hpp"
#include "config/private_key.hpp"
#include "config/profile.hpp"
#include "util/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace gradepost::cli {

namespace {

namespace fs = std::filesystem;

struct KeysOptions {
    std::string out;
    int bits = 2048;
    std::string kid;
    bool force = false;
};

// Writes through open(2) so the private key is 0600 from its first byte, and O_EXCL refuses
// to replace a key that may already be registered with a platform.
void write_file(const fs::path& path, const std::string& text, mode_t mode, bool replace) {
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (replace ? O_TRUNC : O_EXCL);
    int fd = ::open(path.c_str(), flags, mode);
    if (fd < 0) {
        if (errno == EEXIST)
            throw util::UsageError(
                fmt::format("{} exists; use --force to replace it", path.string()));
        throw util::UsageError(
            fmt::format("cannot write {}: {}", path.string(), std::strerror(errno)));
    }
    bool ok = ::fchmod(fd, mode) == 0;
    for (std::size_t written = 0; ok && written < text.size();) {
        ssize_t count = ::write(fd, text.data() + written, text.size() - written);
        if (count < 0 && errno == EINTR)
            continue;
        ok = count > 0;
        written += ok ? static_cast<std::size_t>(count) : 0;
    }
    int error = errno;
    ok = ::close(fd) == 0 && ok;
    if (!ok)
        throw util::UsageError(
            fmt::format("cannot write {}: {}", path.string(), std::strerror(error)));
}

fs::path prepare_directory(const std::string& out) {
    fs::path directory =
        fs::absolute(config::expand_home(out, config::process_environment("HOME")));
    std::error_code error;
    if (fs::exists(directory, error)) {
        if (!fs::is_directory(directory, error))
            throw util::UsageError(fmt::format("--out {}: not a directory", directory.string()));
        return directory;
    }
    fs::create_directories(directory, error);
    if (error)
        throw util::UsageError(
            fmt::format("cannot create {}: {}", directory.string(), error.message()));
    fs::permissions(directory, fs::perms::owner_all, error);
    return directory;
}

std::string registration_notes(const fs::path& public_file) {
    return fmt::format(
        "Register the public key with the platform:\n"
        "  Canvas: Admin → Developer Keys → + Developer Key → LTI Key → Public Key: choose "
        "\"Public JWK\" and paste the JWK above.\n"
        "  Moodle: Site administration → Plugins → External tool → Manage tools → the tool's "
        "Tool registration → Public key type: \"RSA key\" → paste the contents of {}.\n",
        public_file.string());
}

int run_keys_generate(const GlobalOptions& globals, const KeysOptions& options) {
    if (options.out.empty())
        throw util::UsageError("keys generate: --out DIR is required");
    fs::path directory = prepare_directory(options.out);
    fs::path private_file = directory / "private.pem";
    fs::path public_file = directory / "public.pem";
    fs::path jwks_file = directory / "jwks.json";
    // Check all three first so a refusal leaves no half-written set behind.
    if (!options.force)
        for (const auto& path : {private_file, public_file, jwks_file})
            if (fs::exists(fs::symlink_status(path)))
                throw util::UsageError(
                    fmt::format("{} exists; use --force to replace it", path.string()));

    auto key = config::PrivateKey::generate(options.bits);
    std::string kid = options.kid.empty() ? key.thumbprint() : options.kid;
    auto jwk = nlohmann::ordered_json::parse(key.public_jwk_json(kid));
    nlohmann::ordered_json jwks{{"keys", nlohmann::ordered_json::array({jwk})}};

    write_file(private_file, key.private_pem(), 0600, options.force);
    write_file(public_file, key.public_pem(), 0644, options.force);
    write_file(jwks_file, jwks.dump(2) + "\n", 0644, options.force);

    if (globals.json) {
        nlohmann::ordered_json json{{"private_key_file", private_file.string()},
                                    {"public_key_file", public_file.string()},
                                    {"jwks_file", jwks_file.string()},
                                    {"kid", kid},
                                    {"public_jwk", jwk}};
        std::puts(json.dump(2).c_str());
        return 0;
    }
    std::string text =
        fmt::format("Wrote a new {}-bit RSA key pair:\n"
                    "  private key  {}  (mode 0600: keep it secret, never commit it)\n"
                    "  public key   {}\n"
                    "  JWKS         {}\n"
                    "  kid          {}\n\n"
                    "Public JWK:\n{}\n\n",
                    options.bits, private_file.string(), public_file.string(), jwks_file.string(),
                    kid, jwk.dump(2));
    text += registration_notes(public_file);
    text += fmt::format("\nThen add to the profile in the config file:\n"
                        "  \"private_key_file\": \"{}\",\n  \"key_id\": \"{}\"\n",
                        private_file.string(), kid);
    print(globals, text);
    return 0;
}

} // namespace

void add_keys_command(CLI::App& app, GlobalOptions& globals, Action& action) {
    auto options = std::make_shared<KeysOptions>();
    auto* keys = app.add_subcommand("keys", "Make the tool's RSA key pair for registration");
    keys->require_subcommand(1);
    keys->footer("Example:\n  gradepost keys generate --out ~/.config/gradepost/keys/canvas\n"
                 "(see gradepost keys generate --help)");
    auto* generate =
        keys->add_subcommand("generate", "New RSA key pair, public JWK/JWKS with an RFC 7638 kid");
    generate->add_option("--out", options->out, "Directory for private.pem, public.pem, jwks.json")
        ->required();
    generate->add_option("--bits", options->bits, "RSA key size")->check(CLI::Range(2048, 16384));
    generate->add_option("--kid", options->kid, "Key id (default: the RFC 7638 thumbprint)");
    generate->add_flag("--force", options->force, "Replace existing key files");
    generate->footer(
        "Example:\n"
        "  gradepost keys generate --out ~/.config/gradepost/keys/canvas\n"
        "Writes private.pem (mode 0600), public.pem and jwks.json, and prints the public JWK\n"
        "to paste into Canvas (Developer Keys → LTI key → Public JWK) or the public.pem for\n"
        "Moodle (Tool registration → Public key type: RSA key).");
    generate->callback(
        [&, options] { action = [&, options] { return run_keys_generate(globals, *options); }; });
}

} // namespace gradepost::cli
