#pragma once

#include "sandbox/options.hpp"
#include "sandbox/sandbox.hpp"
#include "support/scratch_dir.hpp"

#include "sandbox/httplib.hpp"
#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <string>

// Helpers of the sandbox tests: a tool key that signs client assertions with OpenSSL
// directly (independent of the sandbox's own crypto), and a sandbox running in process.
namespace gradepost::testing {

inline constexpr const char* k_client_id = "sandbox-tool";
inline constexpr const char* k_all_scopes =
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem "
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly "
    "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly "
    "https://purl.imsglobal.org/spec/lti-ags/scope/score "
    "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";

// An RSA 2048 key of the tool.
class ToolKey {
public:
    ToolKey();
    ~ToolKey();
    ToolKey(const ToolKey&) = delete;
    ToolKey& operator=(const ToolKey&) = delete;

    // Writes the public key as PEM, or as a JWKS holding it under `kid` beside another key.
    void write_public_pem(const std::filesystem::path& file) const;
    void write_jwks(const std::filesystem::path& file, const std::string& kid) const;
    // A compact JWS (RS256) of the header and claims.
    std::string sign(const nlohmann::json& header, const nlohmann::json& claims) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// One key for every test that does not need a fresh one: RSA generation is slow.
const ToolKey& shared_tool_key();

// Claims of a valid assertion for `audience`; tests change one of them.
nlohmann::json assertion_claims(const std::string& audience);
std::string unique_jti();
long long unix_now();

// A sandbox on a free port with the tool key (PEM) registered, stopped on destruction.
class RunningSandbox {
public:
    // With `jwks_kid`, the key is registered in a JWKS under that kid (beside another key);
    // otherwise as PEM, unless the options name a key already.
    explicit RunningSandbox(sandbox::SandboxOptions options = {}, const std::string& jwks_kid = "");
    ~RunningSandbox();

    httplib::Client client() const;
    const std::string& base_url() const { return m_base_url; }
    std::string token_url() const;
    std::string line_items_path() const; // generic URL shape
    const ToolKey& key() const { return *m_key; }
    const ScratchDir& dir() const { return *m_dir; }

    // Posts a client-credentials request with `assertion`; the raw answer.
    httplib::Result request_token(const std::string& assertion,
                                  const std::string& scopes = k_all_scopes) const;
    // A valid token for `scopes`; fails the test otherwise.
    std::string token(const std::string& scopes = k_all_scopes) const;
    // Headers with `Authorization: Bearer <token>` and Accept `accept`.
    httplib::Headers auth(const std::string& token, const std::string& accept = "") const;
    // An admin GET, parsed.
    nlohmann::json admin(const std::string& path) const;

private:
    std::unique_ptr<ScratchDir> m_dir;
    const ToolKey* m_key;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    std::string m_base_url;
    std::string m_token_path;
};

// A score body for `user` at `timestamp`.
nlohmann::json score_body(const std::string& user, double given, double maximum,
                          const std::string& timestamp);
std::string post_score(httplib::Client& client, const httplib::Headers& headers,
                       const std::string& path, const nlohmann::json& body, int* status);

} // namespace gradepost::testing
