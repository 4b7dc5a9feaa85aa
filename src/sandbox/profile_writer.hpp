#pragma once

#include "sandbox/crypto.hpp"
#include "sandbox/quirks.hpp"

#include <filesystem>
#include <string>

// `--write-profile DIR`: a tool ready to talk to this sandbox. Writes
//   DIR/tool-private.pem  the tool's RSA 2048 private key, mode 0600
//   DIR/tool-public.pem   its public key
//   DIR/jwks.json         {"keys":[{kty,n,e,kid,alg,use}]}
//   DIR/config.json       {"default_profile":"sandbox","profiles":{"sandbox":{platform,
//                          client_id, token_url, lineitems_url, memberships_url,
//                          private_key_file (absolute), key_id}}}
namespace gradepost::sandbox {

struct ToolProfile {
    std::string platform;
    std::string client_id;
    std::string token_url;
    std::string lineitems_url;
    std::string memberships_url;
};

// Writes the four files, each through a temporary file and a rename. Throws
// util::ConfigError naming the file that could not be written.
void write_tool_profile(const std::filesystem::path& directory, const GeneratedKeyPair& keys,
                        const ToolProfile& profile);

} // namespace gradepost::sandbox
