#pragma once

#include "sandbox/crypto.hpp"
#include "sandbox/quirks.hpp"

#include <filesystem>
#include <optional>
#include <string>

// `--write-profile DIR`: a tool ready to talk to this sandbox. Writes
//   DIR/tool-private.pem  the tool's RSA 2048 private key, mode 0600
//   DIR/tool-public.pem   its public key
//   DIR/jwks.json         {"keys":[{kty,n,e,kid,alg,use}]}
//   DIR/config.json       {"default_profile":"sandbox","profiles":{"sandbox":{platform,
//                          client_id, token_url, lineitems_url, memberships_url,
//                          private_key_file (absolute), key_id}}}
//                        with --ltiaas: {"platform":"ltiaas", ltiaas_url, ltiaas_api_key,
//                        ltiaas_service_key, course}, mode 0600 as it holds the keys
namespace gradepost::sandbox {

// --ltiaas: the profile talks to the LTIAAS API at `url` with these keys instead.
struct LtiaasProfile {
    std::string url;
    std::string api_key;
    std::string service_key;
};

struct ToolProfile {
    std::string platform;
    std::string client_id;
    std::string token_url;
    std::string lineitems_url;
    std::string memberships_url;
    std::optional<LtiaasProfile> ltiaas;
};

// Writes the four files, each through a temporary file and a rename. Throws
// util::ConfigError naming the file that could not be written.
void write_tool_profile(const std::filesystem::path& directory, const GeneratedKeyPair& keys,
                        const ToolProfile& profile);

} // namespace gradepost::sandbox
