#pragma once

#include "http/transport.hpp"
#include "util/clock.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gradepost::config {
class PrivateKey;
}

namespace gradepost::lti {

// The scopes of LTI Advantage that gradepost asks for, only those a command needs.
inline constexpr std::string_view k_scope_lineitem =
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
inline constexpr std::string_view k_scope_lineitem_readonly =
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly";
inline constexpr std::string_view k_scope_result_readonly =
    "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly";
inline constexpr std::string_view k_scope_score =
    "https://purl.imsglobal.org/spec/lti-ags/scope/score";
inline constexpr std::string_view k_scope_nrps =
    "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";

struct Credentials {
    std::string client_id;
    std::string token_url;
    std::string audience;     // empty: the token URL
    std::string key_id;       // `kid` of the assertion header
    std::string access_token; // ready bearer token: skips OAuth when not empty
};

struct Token {
    std::string access_token;        // secret: registered with util::register_secret
    std::vector<std::string> scopes; // granted
    util::Instant expires_at{};      // Instant{} when unknown (a ready access token)
};

// The JWT client assertion of the LTI 1.3 security framework (RS256, `kid` header,
// iss = sub = client id, aud, iat a few seconds in the past, exp 5 minutes ahead, jti).
// With no key_id, the `kid` is the key's RFC 7638 thumbprint (what `keys generate` uses).
std::string make_client_assertion(const Credentials& credentials, const config::PrivateKey& key,
                                  util::Instant now, std::string_view jti);

// Beyond this, a platform's clock and ours disagree enough to refuse assertions: Canvas
// refuses an iat more than 30 s ahead, Moodle allows no leeway at all.
inline constexpr std::chrono::seconds k_tolerated_clock_offset{30};

// "this machine's clock is 600 s behind the platform's" (offset: platform minus ours).
std::string describe_clock_offset(std::chrono::seconds offset);

// One token per run, fetched on first use and shared by every request; renewed ahead of its
// expiry by a margin that scales with the granted lifetime (a fifth of it, at most 30 s, so
// 2-second tokens work), or when a 401 says so (callers renew once per expiry, not per request, and
// give up when a renewed token is refused before it has worked once). A ready access token in the
// credentials is used as is, with the requested scopes, and never renewed. Token errors throw
// util::ConfigError with the platform's `error` and `error_description` and what to check next.
class TokenSource {
public:
    // Each token request signs a fresh assertion (new jti, iat, exp): a platform refuses a
    // replayed jti, so a request whose answer was lost (dropped connection, timeout), 429 or
    // 5xx is sent again as a new one with the transport's policy: at most `retries` more
    // sends, its backoff, all within `request_timeout` of the first send.
    TokenSource(http::Transport& transport, Credentials credentials, const config::PrivateKey* key,
                std::vector<std::string> scopes, util::Clock& clock,
                http::TransportOptions retry_policy = {});
    // Erases the token it holds: it outlives no run in freed memory.
    ~TokenSource();
    TokenSource(const TokenSource&) = delete;
    TokenSource& operator=(const TokenSource&) = delete;

    const Token& token();
    // Whether token() would ask for a new token now (none yet, or within the renewal margin
    // of expiry); never for a ready access token.
    bool is_due() const;
    // The platform said 401: the next token() fetches a new one. Returns false for a ready
    // access token, which cannot be renewed (the caller then gives up: exit 3).
    bool renew_after_unauthorized();
    int requests_made() const { return m_requests_made; }
    // The platform's clock minus ours, from the Date header of the last token answer (its
    // refusals included); nothing before a token request or when it sent no Date.
    std::optional<std::chrono::seconds> platform_clock_offset() const { return m_clock_offset; }

private:
    http::Transport& m_transport;
    Credentials m_credentials;
    const config::PrivateKey* m_key;
    std::vector<std::string> m_scopes;
    util::Clock& m_clock;
    http::TransportOptions m_retry_policy;
    Token m_token;
    std::chrono::microseconds m_renewal_margin{};
    bool m_has_token = false;
    int m_requests_made = 0;
    std::optional<std::chrono::seconds> m_clock_offset;

    http::Response request_token(util::Instant& requested_at);
};

} // namespace gradepost::lti
