#pragma once

#include "sandbox/crypto.hpp"
#include "util/clock.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

// The JWT client assertion of an OAuth2 client-credentials request (RFC 7523 and LTI 1.3
// security framework): header {"alg":"RS256","kid":…}; claims iss = sub = the client id,
// aud = the token URL (a string or an array holding it), exp in the future, iat at most
// `iat_leeway` ahead (60 s; Canvas 30 s, Moodle none) and, for Canvas, at most 5 min old, jti
// present (its reuse is refused by PlatformState, which remembers them).
namespace gradepost::sandbox {

// An RFC 6749 error answer: invalid_request, invalid_client (401), invalid_grant,
// invalid_scope, unsupported_grant_type.
struct OAuthError {
    int status = 400;
    std::string error;
    std::string description;
};

struct AssertionClaims {
    std::string client_id;
    std::string jti;
    util::Instant expires;
};

struct ExpectedAssertion {
    std::string_view client_id;
    std::string_view audience;
    util::Instant now;
    std::chrono::seconds iat_leeway{60};
    std::optional<std::chrono::seconds> iat_max_age; // none: any age
};

// Checks the signature with the matching trusted key and every claim but jti reuse.
std::variant<AssertionClaims, OAuthError>
verify_client_assertion(std::string_view jwt, const std::vector<TrustedKey>& keys,
                        const ExpectedAssertion& expected);

} // namespace gradepost::sandbox
