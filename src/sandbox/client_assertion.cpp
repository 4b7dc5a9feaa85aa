#include "sandbox/client_assertion.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>

namespace gradepost::sandbox {

namespace {

OAuthError invalid_request(std::string description) {
    return {400, "invalid_request", std::move(description)};
}
OAuthError invalid_client(std::string description) {
    return {401, "invalid_client", std::move(description)};
}
OAuthError invalid_grant(std::string description) {
    return {400, "invalid_grant", std::move(description)};
}

std::optional<nlohmann::json> decode_segment(std::string_view segment) {
    auto text = base64url_decode(segment);
    if (!text)
        return std::nullopt;
    auto json = nlohmann::json::parse(*text, nullptr, false);
    if (json.is_discarded() || !json.is_object())
        return std::nullopt;
    return json;
}

std::string string_claim(const nlohmann::json& claims, const char* name) {
    return claims.contains(name) && claims[name].is_string() ? claims[name].get<std::string>()
                                                             : std::string();
}

std::optional<util::Instant> time_claim(const nlohmann::json& claims, const char* name) {
    if (!claims.contains(name) || !claims[name].is_number())
        return std::nullopt;
    auto seconds = std::chrono::duration<double>(claims[name].get<double>());
    return util::Instant(std::chrono::duration_cast<std::chrono::microseconds>(seconds));
}

// A kid names a registered key; without one (or with a bare PEM key registered) the key
// that does not check kids is used.
const TrustedKey* find_key(const std::vector<TrustedKey>& keys, const std::string& kid) {
    if (!kid.empty()) {
        for (const auto& key : keys)
            if (key.is_kid_checked && key.kid == kid)
                return &key;
    }
    for (const auto& key : keys)
        if (!key.is_kid_checked)
            return &key;
    if (kid.empty() && keys.size() == 1)
        return &keys.front();
    return nullptr;
}

bool has_audience(const nlohmann::json& claims, std::string_view audience) {
    if (!claims.contains("aud"))
        return false;
    const auto& aud = claims["aud"];
    if (aud.is_string())
        return aud.get<std::string>() == audience;
    if (aud.is_array()) {
        for (const auto& entry : aud)
            if (entry.is_string() && entry.get<std::string>() == audience)
                return true;
    }
    return false;
}

} // namespace

std::variant<AssertionClaims, OAuthError>
verify_client_assertion(std::string_view jwt, const std::vector<TrustedKey>& keys,
                        const ExpectedAssertion& expected) {
    auto first_dot = jwt.find('.');
    auto second_dot =
        first_dot == std::string_view::npos ? first_dot : jwt.find('.', first_dot + 1);
    if (second_dot == std::string_view::npos ||
        jwt.find('.', second_dot + 1) != std::string_view::npos)
        return invalid_request("client_assertion is not a JWT");
    auto header = decode_segment(jwt.substr(0, first_dot));
    auto claims = decode_segment(jwt.substr(first_dot + 1, second_dot - first_dot - 1));
    auto signature = base64url_decode(jwt.substr(second_dot + 1));
    if (!header || !claims || !signature)
        return invalid_request("client_assertion is not a JWT");

    if (string_claim(*header, "alg") != "RS256")
        return invalid_client("the client assertion must be signed with RS256");
    std::string issuer = string_claim(*claims, "iss");
    if (issuer != expected.client_id)
        return invalid_client("unknown client \"" + issuer + "\"");
    if (string_claim(*claims, "sub") != issuer)
        return invalid_client("sub must equal iss, the client id");
    std::string kid = string_claim(*header, "kid");
    const TrustedKey* key = find_key(keys, kid);
    if (!key)
        return invalid_client(kid.empty() ? "the assertion names no kid"
                                          : "unknown kid \"" + kid + "\"");
    if (!key->key.verify_rs256(jwt.substr(0, second_dot), *signature))
        return invalid_client("the client assertion's signature does not verify");

    if (!has_audience(*claims, expected.audience))
        return invalid_grant("aud must be " + std::string(expected.audience));
    auto expires = time_claim(*claims, "exp");
    if (!expires)
        return invalid_grant("exp is missing");
    if (*expires <= expected.now)
        return invalid_grant("the client assertion has expired");
    auto issued = time_claim(*claims, "iat");
    if (!issued)
        return invalid_grant("iat is missing");
    if (*issued > expected.now + expected.iat_leeway)
        return invalid_grant("iat is in the future");
    if (expected.iat_max_age && *issued < expected.now - *expected.iat_max_age)
        return invalid_grant("iat is too old");
    std::string jti = string_claim(*claims, "jti");
    if (jti.empty())
        return invalid_request("jti is missing");
    return AssertionClaims{issuer, jti, *expires};
}

} // namespace gradepost::sandbox
