#include "sandbox/client_assertion.hpp"
#include "sandbox/responses.hpp"
#include "sandbox/route_guard.hpp"
#include "sandbox/routes.hpp"

#include <optional>

namespace gradepost::sandbox {

namespace {

constexpr std::string_view k_client_credentials = "client_credentials";
constexpr std::string_view k_jwt_bearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

std::optional<std::string> form_value(const QueryParams& form, std::string_view name) {
    for (const auto& [key, value] : form)
        if (key == name)
            return value;
    return std::nullopt;
}

void answer(httplib::Response& response, const SandboxContext& context, int status,
            const nlohmann::json& body) {
    response.set_header("Cache-Control", "no-store");
    send_json(response, status, body,
              context.quirks.token_answer_as_html ? "text/html; charset=utf-8"
                                                  : "application/json");
}

void refuse(httplib::Response& response, const SandboxContext& context, const OAuthError& error) {
    if (error.status == 401)
        response.set_header("WWW-Authenticate", "Basic realm=\"token\"");
    answer(response, context, error.status,
           {{"error", error.error}, {"error_description", error.description}});
}

// The checks of RFC 6749 §4.4 and RFC 7523 §3, in the order a platform makes them.
std::variant<nlohmann::json, OAuthError> grant(const httplib::Request& request,
                                               SandboxContext& context, CallNotes& notes) {
    std::string content_type = request.get_header_value("Content-Type");
    if (content_type.rfind("application/x-www-form-urlencoded", 0) != 0)
        return OAuthError{400, "invalid_request",
                          "the body must be application/x-www-form-urlencoded"};
    QueryParams form = parse_form(request.body);
    auto grant_type = form_value(form, "grant_type");
    if (!grant_type)
        return OAuthError{400, "invalid_request", "grant_type is missing"};
    if (*grant_type != k_client_credentials)
        return OAuthError{400, "unsupported_grant_type", "only client_credentials is supported"};
    if (form_value(form, "client_assertion_type") != std::optional<std::string>(k_jwt_bearer))
        return OAuthError{400, "invalid_request",
                          "client_assertion_type must be " + std::string(k_jwt_bearer)};
    auto assertion = form_value(form, "client_assertion");
    if (!assertion || assertion->empty())
        return OAuthError{400, "invalid_request", "client_assertion is missing"};

    util::Instant now = context.now();
    std::string audience = context.quirks.token_audience.empty() ? context.urls.token_url()
                                                                 : context.quirks.token_audience;
    ExpectedAssertion expected{context.options.client_id, audience, now, context.quirks.iat_leeway,
                               context.quirks.iat_max_age};
    auto verified = verify_client_assertion(*assertion, context.keys, expected);
    if (auto* error = std::get_if<OAuthError>(&verified))
        return *error;
    const auto& claims = std::get<AssertionClaims>(verified);
    notes.client_id = claims.client_id;
    if (!context.state.remember_jti(claims.jti, claims.expires, now))
        return OAuthError{400, "invalid_grant", "jti has already been used"};

    ScopeSet requested = split_scopes(form_value(form, "scope").value_or(""));
    if (requested.empty())
        return OAuthError{400, "invalid_scope", "no scope was requested"};
    ScopeSet granted;
    for (const auto& scope : requested)
        if (context.allowed_scopes.contains(scope))
            granted.insert(scope);
    if (granted.empty())
        return OAuthError{400, "invalid_scope", "none of the requested scopes is allowed"};

    auto lifetime = std::chrono::seconds(context.options.token_lifetime_seconds);
    std::string token = context.state.issue_token(claims.client_id, granted, lifetime, now);
    return nlohmann::json{{"access_token", token},
                          {"token_type", "Bearer"},
                          {"expires_in", context.options.token_lifetime_seconds},
                          {"scope", join_scopes(granted)}};
}

} // namespace

void add_token_route(httplib::Server& server, SandboxContext& context) {
    server.Post(context.urls.token_path(),
                guard(context, RouteKind::token, {},
                      [&context](const httplib::Request& request, httplib::Response& response,
                                 CallNotes& notes) {
                          auto result = grant(request, context, notes);
                          if (auto* error = std::get_if<OAuthError>(&result))
                              refuse(response, context, *error);
                          else
                              answer(response, context, 200, std::get<nlohmann::json>(result));
                      }));
}

} // namespace gradepost::sandbox
