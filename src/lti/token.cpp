#include "lti/token.hpp"

#include "config/private_key.hpp"
#include "config/random.hpp"
#include "http/http_date.hpp"
#include "http/retry_policy.hpp"
#include "http/verdict.hpp"
#include "lti/errors.hpp"
#include "lti/url.hpp"
#include "util/error.hpp"
#include "util/interrupt.hpp"
#include "util/log.hpp"
#include "util/secret_memory.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <random>

namespace gradepost::lti {

namespace {

// Moodle allows no clock leeway at all, so a machine a little ahead must not look early.
constexpr auto k_issued_in_past = std::chrono::seconds(5);
constexpr auto k_assertion_lifetime = std::chrono::seconds(300);
constexpr auto k_renewal_margin = std::chrono::seconds(30);
constexpr auto k_default_expiry = std::chrono::seconds(3600);
constexpr std::size_t k_jti_bytes = 16;

std::int64_t unix_seconds(util::Instant instant) {
    return std::chrono::duration_cast<std::chrono::seconds>(instant.time_since_epoch()).count();
}

std::string key_id_of(const Credentials& credentials, const config::PrivateKey& key) {
    // `keys generate` makes the thumbprint the kid, so it is the right guess when none is set.
    return credentials.key_id.empty() ? key.thumbprint() : credentials.key_id;
}

std::vector<std::string> split_scopes(const std::string& text) {
    std::vector<std::string> scopes;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find(' ', start);
        if (end == std::string::npos)
            end = text.size();
        if (end > start)
            scopes.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return scopes;
}

std::string join_scopes(const std::vector<std::string>& scopes) {
    std::string joined;
    for (const auto& scope : scopes)
        joined += (joined.empty() ? "" : " ") + scope;
    return joined;
}

std::chrono::seconds expires_in(const nlohmann::json& answer) {
    auto found = answer.find("expires_in");
    if (found == answer.end())
        return k_default_expiry;
    if (found->is_number() && found->get<double>() > 0)
        return std::chrono::seconds(static_cast<long long>(found->get<double>()));
    if (found->is_string()) {
        long long seconds = std::atoll(found->get<std::string>().c_str());
        if (seconds > 0)
            return std::chrono::seconds(seconds);
    }
    return k_default_expiry;
}

std::string hint_for(const std::string& error, const Credentials& credentials,
                     const config::PrivateKey& key) {
    if (error == "invalid_client")
        return fmt::format("check client_id and that the public key registered in the platform "
                           "matches {} (kid {})",
                           key.origin(), key_id_of(credentials, key));
    if (error == "invalid_grant")
        return "the assertion was refused: check --audience and the machine clock";
    if (error == "invalid_scope")
        return "enable the AGS/NRPS scopes on the developer key/tool registration";
    if (error == "unauthorized_client")
        return "the platform does not let this client use client_credentials: check that the "
               "developer key/tool registration is enabled for these scopes";
    if (error == "unsupported_grant_type" || error == "invalid_request")
        return "check that token_url is the platform's OAuth2 token endpoint";
    return {};
}

// Date has whole seconds; the answer was written somewhere between request and reply.
std::optional<std::chrono::seconds> clock_offset_of(const http::Response& response,
                                                    util::Instant requested_at,
                                                    util::Instant answered_at) {
    auto date = response.header("Date");
    auto platform_time = date ? http::parse_http_date(*date) : std::nullopt;
    if (!platform_time)
        return std::nullopt;
    auto midpoint = requested_at + (answered_at - requested_at) / 2;
    return std::chrono::round<std::chrono::seconds>(*platform_time +
                                                    std::chrono::milliseconds(500) - midpoint);
}

[[noreturn]] void throw_refusal(const http::Response& response, const Credentials& credentials,
                                const config::PrivateKey& key,
                                std::optional<std::chrono::seconds> clock_offset) {
    const std::string& url = credentials.token_url;
    auto answer = nlohmann::json::parse(response.body, nullptr, false);
    if (answer.is_object() && answer.contains("error") && answer["error"].is_string()) {
        std::string error = answer["error"].get<std::string>();
        std::string message = fmt::format("token refused by {}: {}", url, error);
        if (auto description = answer.find("error_description");
            description != answer.end() && description->is_string() &&
            !description->get<std::string>().empty())
            message += ": " + description->get<std::string>();
        if (std::string hint = hint_for(error, credentials, key); !hint.empty())
            message += " — " + hint;
        if (clock_offset && std::chrono::abs(*clock_offset) > k_tolerated_clock_offset)
            message += "; " + describe_clock_offset(*clock_offset) +
                       ", which makes the assertion's iat and exp look wrong: sync it (NTP)";
        throw util::ConfigError(message);
    }
    if (response.status >= 500 || response.status == 429)
        throw util::UnreachableError(fmt::format("the token endpoint {} kept failing: HTTP {}: {}",
                                                 url, response.status, platform_message(response)));
    throw util::ConfigError(fmt::format("token refused by {}: HTTP {}: {} — check token_url and "
                                        "client_id",
                                        url, response.status, platform_message(response)));
}

} // namespace

std::string describe_clock_offset(std::chrono::seconds offset) {
    if (offset == std::chrono::seconds{0})
        return "this machine's clock agrees with the platform's";
    return fmt::format("this machine's clock is {} s {} the platform's",
                       std::chrono::abs(offset).count(),
                       offset > std::chrono::seconds{0} ? "behind" : "ahead of");
}

std::string make_client_assertion(const Credentials& credentials, const config::PrivateKey& key,
                                  util::Instant now, std::string_view jti) {
    nlohmann::ordered_json header;
    header["alg"] = "RS256";
    header["typ"] = "JWT";
    header["kid"] = key_id_of(credentials, key);

    nlohmann::ordered_json claims;
    claims["iss"] = credentials.client_id;
    claims["sub"] = credentials.client_id;
    claims["aud"] = credentials.audience.empty() ? credentials.token_url : credentials.audience;
    claims["iat"] = unix_seconds(now - k_issued_in_past);
    claims["exp"] = unix_seconds(now + k_assertion_lifetime);
    claims["jti"] = jti;

    std::string signing_input =
        config::base64url_encode(header.dump()) + "." + config::base64url_encode(claims.dump());
    return signing_input + "." + config::base64url_encode(key.sign_rs256(signing_input));
}

TokenSource::TokenSource(http::Transport& transport, Credentials credentials,
                         const config::PrivateKey* key, std::vector<std::string> scopes,
                         util::Clock& clock, http::TransportOptions retry_policy)
    : m_transport(transport), m_credentials(std::move(credentials)), m_key(key),
      m_scopes(std::move(scopes)), m_clock(clock), m_retry_policy(std::move(retry_policy)) {
    if (!m_credentials.access_token.empty())
        util::register_secret(m_credentials.access_token);
}

TokenSource::~TokenSource() {
    util::erase_secret(m_token.access_token);
    util::erase_secret(m_credentials.access_token);
}

const Token& TokenSource::token() {
    if (!m_credentials.access_token.empty()) {
        if (!m_has_token) {
            m_token = Token{m_credentials.access_token, m_scopes, util::Instant{}};
            m_has_token = true;
        }
        return m_token;
    }
    if (!is_due())
        return m_token;

    if (m_credentials.token_url.empty())
        throw util::ConfigError("no token URL: set token_url in the profile or give --token-url "
                                "(or a ready token in GRADEPOST_ACCESS_TOKEN)");
    if (m_credentials.client_id.empty())
        throw util::ConfigError("no client id: set client_id in the profile or give --client-id");
    if (!m_key)
        throw util::ConfigError("no private key to sign the token request: give --key-file or "
                                "set GRADEPOST_PRIVATE_KEY");

    util::Instant requested_at{};
    http::Response response = request_token(requested_at);
    if (response.status == 0)
        throw util::UnreachableError(fmt::format(
            "cannot reach the token endpoint {}: {}", m_credentials.token_url,
            response.transport_error.empty() ? "no response" : response.transport_error));
    if (!response.is_success())
        throw_refusal(response, m_credentials, *m_key, m_clock_offset);

    // Moodle labels its answer text/html; the body is what counts.
    auto answer = nlohmann::json::parse(response.body, nullptr, false);
    if (!answer.is_object())
        throw util::ConfigError(fmt::format("the token endpoint {} answered HTTP {} but not with "
                                            "JSON; check token_url",
                                            m_credentials.token_url, response.status));
    auto access_token = answer.find("access_token");
    if (access_token == answer.end() || !access_token->is_string() ||
        access_token->get<std::string>().empty())
        throw util::ConfigError(fmt::format("the token endpoint {} answered without an "
                                            "access_token",
                                            m_credentials.token_url));

    Token token;
    token.access_token = access_token->get<std::string>();
    util::register_secret(token.access_token);
    auto lifetime = expires_in(answer);
    token.expires_at = requested_at + lifetime;
    // Renew ahead of expiry, but never so far ahead that a short-lived token is always "due".
    m_renewal_margin = std::min<std::chrono::microseconds>(k_renewal_margin,
                                                           std::chrono::microseconds(lifetime) / 5);
    if (auto scope = answer.find("scope"); scope != answer.end() && scope->is_string())
        token.scopes = split_scopes(scope->get<std::string>());
    else
        token.scopes = m_scopes;
    m_token = std::move(token);
    m_has_token = true;
    return m_token;
}

http::Response TokenSource::request_token(util::Instant& requested_at) {
    std::mt19937_64 random{std::random_device{}()};
    util::Instant deadline = m_clock.now() + m_retry_policy.request_timeout;
    for (int send = 1;; ++send) {
        // A fresh assertion for every send: a replayed jti is refused by the spec's platforms.
        requested_at = m_clock.now();
        std::string assertion = make_client_assertion(m_credentials, *m_key, requested_at,
                                                      config::random_hex(k_jti_bytes));
        util::register_secret(assertion);
        std::vector<std::pair<std::string, std::string>> form{
            {"grant_type", "client_credentials"},
            {"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"},
            {"client_assertion", assertion},
        };
        if (!m_scopes.empty())
            form.emplace_back("scope", join_scopes(m_scopes));
        http::Request request;
        request.method = "POST";
        request.url = m_credentials.token_url;
        request.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                           {"Accept", "application/json"}};
        request.body = form_encode(form);
        request.is_single_use = true;

        ++m_requests_made;
        http::Response response = m_transport.perform_one(request);
        util::erase_secret(request.body);
        if (auto offset = clock_offset_of(response, requested_at, m_clock.now()))
            m_clock_offset = offset;
        if (!http::is_retryable(http::classify(response)) || send > m_retry_policy.retries ||
            util::is_interrupted())
            return response;
        auto delay =
            http::retry_delay(response, send, m_retry_policy.max_backoff, m_clock.now(), random);
        if (m_clock.now() + delay >= deadline)
            return response;
        util::info("token endpoint {}: {}; asking again with a new assertion in {} ms",
                   m_credentials.token_url,
                   response.status ? fmt::format("{} {}", response.status, response.reason)
                                   : response.transport_error,
                   delay.count());
        m_clock.sleep_for(delay);
    }
}

bool TokenSource::is_due() const {
    if (!m_credentials.access_token.empty())
        return false;
    return !m_has_token || m_clock.now() + m_renewal_margin >= m_token.expires_at;
}

bool TokenSource::renew_after_unauthorized() {
    if (!m_credentials.access_token.empty())
        return false;
    m_has_token = false;
    return true;
}

} // namespace gradepost::lti
