#include "config/private_key.hpp"
#include "http/http_date.hpp"
#include "lti/token.hpp"
#include "support/fake_clock.hpp"
#include "support/fake_transport.hpp"
#include "support/test_credentials.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <map>

using namespace gradepost;
using testing::make_response;

using testing::test_key;

namespace {

constexpr const char* k_token_url = "https://lms.example/login/oauth2/token";

lti::Credentials credentials() {
    return testing::test_credentials(k_token_url);
}

std::string base64url_decode(std::string text) {
    for (char& c : text)
        c = c == '-' ? '+' : c == '_' ? '/' : c;
    while (text.size() % 4 != 0)
        text.push_back('=');
    std::string bytes(text.size(), '\0');
    int size = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()),
                               reinterpret_cast<const unsigned char*>(text.data()),
                               static_cast<int>(text.size()));
    REQUIRE(size >= 0);
    bytes.resize(static_cast<std::size_t>(size));
    while (!text.empty() && text.back() == '=') {
        text.pop_back();
        bytes.pop_back();
    }
    return bytes;
}

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (auto at = text.find(separator); at != std::string::npos;
         at = text.find(separator, start)) {
        parts.push_back(text.substr(start, at - start));
        start = at + 1;
    }
    parts.push_back(text.substr(start));
    return parts;
}

std::string percent_decode(const std::string& text) {
    std::string decoded;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            decoded.push_back(static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16)));
            i += 2;
        } else {
            decoded.push_back(text[i] == '+' ? ' ' : text[i]);
        }
    }
    return decoded;
}

std::map<std::string, std::string> form_fields(const std::string& body) {
    std::map<std::string, std::string> fields;
    for (const auto& pair : split(body, '&')) {
        auto equals = pair.find('=');
        fields[percent_decode(pair.substr(0, equals))] = percent_decode(pair.substr(equals + 1));
    }
    return fields;
}

bool verify_jwt_signature(const std::string& jwt) {
    auto last_dot = jwt.rfind('.');
    std::string signing_input = jwt.substr(0, last_dot);
    std::string signature = base64url_decode(jwt.substr(last_dot + 1));
    std::string pem = test_key().public_pem();
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    EVP_PKEY* key = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    bool ok = EVP_DigestVerifyInit(context, nullptr, EVP_sha256(), nullptr, key) == 1 &&
              EVP_DigestVerify(context, reinterpret_cast<const unsigned char*>(signature.data()),
                               signature.size(),
                               reinterpret_cast<const unsigned char*>(signing_input.data()),
                               signing_input.size()) == 1;
    EVP_MD_CTX_free(context);
    EVP_PKEY_free(key);
    return ok;
}

http::Response token_answer(const std::string& token, int expires_in = 3600,
                            const std::string& scope = "") {
    nlohmann::json body{
        {"access_token", token}, {"token_type", "Bearer"}, {"expires_in", expires_in}};
    if (!scope.empty())
        body["scope"] = scope;
    return make_response(200, body.dump(), {{"Content-Type", "application/json"}});
}

} // namespace

TEST_SUITE("lti::token") {

    TEST_CASE(
        "the client assertion is an RS256 JWT with the LTI claims, verified by the public key") {
        util::Instant now{std::chrono::seconds{1'790'000'000}};
        std::string jwt = lti::make_client_assertion(credentials(), test_key(), now, "jti-42");
        auto parts = split(jwt, '.');
        REQUIRE(parts.size() == 3);
        CHECK(jwt.find('=') == std::string::npos);

        auto header = nlohmann::json::parse(base64url_decode(parts[0]));
        CHECK(header == nlohmann::json{{"alg", "RS256"}, {"typ", "JWT"}, {"kid", "kid-1"}});
        auto claims = nlohmann::json::parse(base64url_decode(parts[1]));
        CHECK(claims["iss"] == "client-17");
        CHECK(claims["sub"] == "client-17");
        CHECK(claims["aud"] == k_token_url);
        CHECK(claims["iat"] == 1'790'000'000 - 5);
        CHECK(claims["exp"] == 1'790'000'000 + 300);
        CHECK(claims["jti"] == "jti-42");
        CHECK(verify_jwt_signature(jwt));
        CHECK_FALSE(verify_jwt_signature(parts[0] + "." + parts[0] + "." + parts[2]));
    }

    TEST_CASE(
        "the assertion's aud is the audience when one is set, and kid the thumbprint when none") {
        auto with_audience = credentials();
        with_audience.audience = "https://canvas.instructure.com/login/oauth2/token";
        with_audience.key_id.clear();
        std::string jwt =
            lti::make_client_assertion(with_audience, test_key(), util::Instant{}, "j");
        auto parts = split(jwt, '.');
        CHECK(nlohmann::json::parse(base64url_decode(parts[1]))["aud"] == with_audience.audience);
        CHECK(nlohmann::json::parse(base64url_decode(parts[0]))["kid"] == test_key().thumbprint());
    }

    TEST_CASE("the token request is a client_credentials form with the assertion and the scopes") {
        testing::FakeTransport transport;
        testing::FakeClock clock;
        transport.on("POST", k_token_url, token_answer("tok-1"));
        lti::TokenSource tokens(
            transport, credentials(), &test_key(),
            {std::string(lti::k_scope_score), std::string(lti::k_scope_lineitem)}, clock);
        CHECK(tokens.token().access_token == "tok-1");

        REQUIRE(transport.requests().size() == 1);
        const auto& request = transport.requests()[0];
        CHECK(request.method == "POST");
        CHECK(testing::header_of(request, "Content-Type") == "application/x-www-form-urlencoded");
        CHECK(testing::header_of(request, "Accept") == "application/json");
        CHECK(request.body.find(' ') == std::string::npos);
        auto fields = form_fields(request.body);
        CHECK(fields.size() == 4);
        CHECK(fields["grant_type"] == "client_credentials");
        CHECK(fields["client_assertion_type"] ==
              "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        CHECK(fields["scope"] == "https://purl.imsglobal.org/spec/lti-ags/scope/score "
                                 "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem");
        CHECK(verify_jwt_signature(fields["client_assertion"]));
        auto claims =
            nlohmann::json::parse(base64url_decode(split(fields["client_assertion"], '.')[1]));
        CHECK(claims["jti"].get<std::string>().size() == 32);
    }

    TEST_CASE("each token request has a fresh jti") {
        testing::FakeTransport transport;
        testing::FakeClock clock;
        transport.on("POST", k_token_url, token_answer("tok", 60));
        lti::TokenSource tokens(transport, credentials(), &test_key(), {}, clock);
        tokens.token();
        clock.advance(std::chrono::seconds(120));
        tokens.token();
        REQUIRE(transport.requests().size() == 2);
        auto jti = [&](std::size_t index) {
            auto assertion = form_fields(transport.requests()[index].body)["client_assertion"];
            return nlohmann::json::parse(base64url_decode(split(assertion, '.')[1]))["jti"];
        };
        CHECK(jti(0) != jti(1));
    }

    TEST_CASE("a token reply lost on the wire is asked again with a new assertion") {
        testing::FakeTransport transport;
        testing::FakeClock clock;
        http::Response dropped;
        dropped.transport_error = "Connection reset by peer";
        dropped.failure = http::Failure::no_answer;
        transport.on("POST", k_token_url, dropped, 1);
        transport.on("POST", k_token_url, token_answer("tok-after-drop"));
        lti::TokenSource tokens(transport, credentials(), &test_key(), {}, clock);
        CHECK(tokens.token().access_token == "tok-after-drop");
        REQUIRE(transport.requests().size() == 2);
        auto claims = [&](std::size_t index) {
            auto assertion = form_fields(transport.requests()[index].body)["client_assertion"];
            return nlohmann::json::parse(base64url_decode(split(assertion, '.')[1]));
        };
        CHECK(claims(0)["jti"] != claims(1)["jti"]);
        CHECK(claims(1)["iat"].get<long>() >= claims(0)["iat"].get<long>());
        CHECK(transport.requests()[0].is_single_use);
        CHECK(clock.slept() > std::chrono::microseconds(0));
    }

    TEST_CASE("a throttled token endpoint is asked again after its Retry-After") {
        testing::FakeTransport transport;
        testing::FakeClock clock;
        transport.on("POST", k_token_url, make_response(429, "", {{"Retry-After", "7"}}), 1);
        transport.on("POST", k_token_url, token_answer("tok-1"));
        lti::TokenSource tokens(transport, credentials(), &test_key(), {}, clock);
        CHECK(tokens.token().access_token == "tok-1");
        CHECK(transport.requests().size() == 2);
        CHECK(clock.slept() >= std::chrono::seconds(7));
    }

    TEST_CASE("token retries stop at the retry budget and within the request timeout") {
        testing::FakeTransport transport;
        testing::FakeClock clock;
        transport.on("POST", k_token_url, make_response(503, "down"));
        SUBCASE("retries") {
            http::TransportOptions policy;
            policy.retries = 2;
            lti::TokenSource tokens(transport, credentials(), &test_key(), {}, clock, policy);
            CHECK_THROWS_AS(tokens.token(), util::UnreachableError);
            CHECK(transport.requests().size() == 3);
        }
        SUBCASE("timeout") {
            http::TransportOptions policy;
            policy.retries = 50;
            policy.request_timeout = std::chrono::seconds(20);
            lti::TokenSource tokens(transport, credentials(), &test_key(), {}, clock, policy);
            CHECK_THROWS_AS(tokens.token(), util::UnreachableError);
            CHECK(clock.slept() < std::chrono::seconds(20));
            CHECK(transport.requests().size() < 51);
        }
    }

    TEST_CASE("a refused token request is not repeated") {
        testing::FakeTransport transport;
        testing::FakeClock clock;
        transport.on("POST", k_token_url,
                     make_response(400, R"({"error":"invalid_client"})",
                                   {{"Content-Type", "application/json"}}));
        lti::TokenSource tokens(transport, credentials(), &test_key(), {}, clock);
        CHECK_THROWS_AS(tokens.token(), util::ConfigError);
        CHECK(transport.requests().size() == 1);
    }

    TEST_CASE("a 2-second token is renewed a fifth of its lifetime ahead, not 30 s ahead") {
        testing::FakeTransport transport;
        testing::FakeClock clock;
        transport.on("POST", k_token_url, token_answer("short", 2));
        lti::TokenSource tokens(transport, credentials(), &test_key(), {}, clock);
        for (int step = 0; step < 10; ++step) {
            tokens.token();
            clock.advance(std::chrono::milliseconds(100));
        }
        // One second of calls: the first token (renewed 0.4 s before its 2 s end) serves all.
        CHECK(tokens.requests_made() == 1);
        clock.advance(std::chrono::milliseconds(700));
        tokens.token();
        CHECK(tokens.requests_made() == 2);
    }

    TEST_CASE("one token serves many calls until 30 s before it expires") {
        testing::FakeTransport transport;
        testing::FakeClock clock;
        transport.on("POST", k_token_url, token_answer("tok-1", 600), 1);
        transport.on("POST", k_token_url, token_answer("tok-2", 600), 1);
        lti::TokenSource tokens(transport, credentials(), &test_key(), {}, clock);
        for (int call = 0; call < 50; ++call)
            CHECK(tokens.token().access_token == "tok-1");
        CHECK(tokens.requests_made() == 1);
        CHECK(tokens.token().expires_at == clock.now() + std::chrono::seconds(600));

        clock.advance(std::chrono::seconds(569));
        CHECK(tokens.token().access_token == "tok-1");
        clock.advance(std::chrono::seconds(2));
        CHECK(tokens.token().access_token == "tok-2");
        CHECK(tokens.requests_made() == 2);
    }

    TEST_CASE("granted scopes come from the answer, or are the requested ones when absent") {
        testing::FakeTransport transport;
        testing::FakeClock clock;
        std::vector<std::string> requested{std::string(lti::k_scope_score),
                                           std::string(lti::k_scope_result_readonly)};
        SUBCASE("granted") {
            transport.on("POST", k_token_url,
                         token_answer("t", 3600, std::string(lti::k_scope_score)));
            lti::TokenSource tokens(transport, credentials(), &test_key(), requested, clock);
            CHECK(tokens.token().scopes ==
                  std::vector<std::string>{std::string(lti::k_scope_score)});
        }
        SUBCASE("absent") {
            transport.on("POST", k_token_url, token_answer("t"));
            lti::TokenSource tokens(transport, credentials(), &test_key(), requested, clock);
            CHECK(tokens.token().scopes == requested);
        }
    }

    TEST_CASE(
        "Moodle's token answer labelled text/html is read as JSON, expires_in defaults to 1 h") {
        testing::FakeTransport transport;
        testing::FakeClock clock;
        transport.on("POST", k_token_url,
                     make_response(200, R"({"access_token":"moodle-token","token_type":"Bearer"})",
                                   {{"Content-Type", "text/html; charset=utf-8"}}));
        lti::TokenSource tokens(transport, credentials(), &test_key(), {}, clock);
        CHECK(tokens.token().access_token == "moodle-token");
        CHECK(tokens.token().expires_at == clock.now() + std::chrono::seconds(3600));
    }

    TEST_CASE("a ready access token is used without any request") {
        testing::FakeTransport transport;
        testing::FakeClock clock;
        auto given = credentials();
        given.access_token = "ready-made-token";
        lti::TokenSource tokens(transport, given, nullptr, {std::string(lti::k_scope_score)},
                                clock);
        CHECK(tokens.token().access_token == "ready-made-token");
        CHECK(tokens.token().scopes == std::vector<std::string>{std::string(lti::k_scope_score)});
        CHECK(tokens.token().expires_at == util::Instant{});
        CHECK(transport.requests().empty());
        CHECK_FALSE(tokens.renew_after_unauthorized());
    }

    TEST_CASE("each renewal after a 401 fetches a new token") {
        testing::FakeTransport transport;
        testing::FakeClock clock;
        transport.on("POST", k_token_url, token_answer("tok-1"), 1);
        transport.on("POST", k_token_url, token_answer("tok-2"), 1);
        lti::TokenSource tokens(transport, credentials(), &test_key(), {}, clock);
        CHECK(tokens.token().access_token == "tok-1");
        CHECK(tokens.renew_after_unauthorized());
        CHECK(tokens.token().access_token == "tok-2");
        CHECK(tokens.token().access_token == "tok-2");
        CHECK(tokens.requests_made() == 2);
    }

    TEST_CASE("the platform's Date header tells how far apart the clocks are") {
        testing::FakeTransport transport;
        testing::FakeClock clock;
        auto answer = token_answer("tok-1");
        answer.headers.emplace_back(
            "Date", http::format_http_date(clock.now() + std::chrono::seconds(600)));
        transport.on("POST", k_token_url, answer, 1);
        lti::TokenSource tokens(transport, credentials(), &test_key(), {}, clock);
        CHECK_FALSE(tokens.platform_clock_offset().has_value());
        tokens.token();
        REQUIRE(tokens.platform_clock_offset().has_value());
        CHECK(std::chrono::abs(*tokens.platform_clock_offset() - std::chrono::seconds(600)) <=
              std::chrono::seconds(1));
        CHECK(lti::describe_clock_offset(std::chrono::seconds(600)) ==
              "this machine's clock is 600 s behind the platform's");
        CHECK(lti::describe_clock_offset(std::chrono::seconds(-45)) ==
              "this machine's clock is 45 s ahead of the platform's");
    }

    TEST_CASE("a refusal from a platform whose clock is far off says so") {
        testing::FakeTransport transport;
        testing::FakeClock clock;
        transport.on("POST", k_token_url,
                     make_response(400, R"({"error":"invalid_grant","error_description":"iat"})",
                                   {{"Date", http::format_http_date(clock.now() -
                                                                    std::chrono::minutes(10))}}));
        lti::TokenSource tokens(transport, credentials(), &test_key(), {}, clock);
        CHECK_THROWS_WITH_AS(tokens.token(),
                             doctest::Contains("this machine's clock is 600 s ahead of the "
                                               "platform's, which makes the assertion's iat"),
                             util::ConfigError);
    }

    TEST_CASE("token refusals are configuration errors with the platform's words and a hint") {
        struct Case {
            std::string body;
            std::string expected;
        };
        std::vector<Case> cases{
            {R"({"error":"invalid_client","error_description":"unknown key"})",
             std::string("token refused by ") + k_token_url +
                 ": invalid_client: unknown key — check client_id and that the public key "
                 "registered in the platform matches generated key (kid kid-1)"},
            {R"({"error":"invalid_grant","error_description":"iat in the future"})",
             "invalid_grant: iat in the future — the assertion was refused: check --audience and "
             "the "
             "machine clock"},
            {R"({"error":"invalid_scope"})",
             "invalid_scope — enable the AGS/NRPS scopes on the developer key/tool registration"},
            {R"({"error":"unauthorized_client"})",
             "unauthorized_client — the platform does not let"},
        };
        for (const auto& [body, expected] : cases) {
            const std::string& answer = body; // clang 14 cannot capture a structured binding
            CAPTURE(answer);
            for (int status : {400, 401}) {
                testing::FakeTransport transport;
                testing::FakeClock clock;
                transport.on("POST", k_token_url, make_response(status, body));
                lti::TokenSource tokens(transport, credentials(), &test_key(), {}, clock);
                try {
                    tokens.token();
                    FAIL("no error");
                } catch (const util::Error& error) {
                    CHECK(error.code() == util::ExitCode::config);
                    CHECK(std::string(error.what()).find(expected) != std::string::npos);
                }
            }
        }
    }

    TEST_CASE("an unreachable token endpoint is exit 5 naming the URL and the cause") {
        testing::FakeTransport transport;
        testing::FakeClock clock;
        http::Response refused;
        refused.transport_error = "Connection refused";
        transport.on("POST", k_token_url, refused);
        lti::TokenSource tokens(transport, credentials(), &test_key(), {}, clock);
        CHECK_THROWS_WITH_AS(
            tokens.token(),
            (std::string("cannot reach the token endpoint ") + k_token_url + ": Connection refused")
                .c_str(),
            util::UnreachableError);
    }

    TEST_CASE("a token endpoint failing with 5xx is exit 5; a 404 without JSON is exit 3") {
        testing::FakeTransport transport;
        testing::FakeClock clock;
        SUBCASE("503") {
            transport.on("POST", k_token_url, make_response(503, "<html>down</html>"));
            lti::TokenSource tokens(transport, credentials(), &test_key(), {}, clock);
            CHECK_THROWS_AS(tokens.token(), util::UnreachableError);
        }
        SUBCASE("404") {
            transport.on("POST", k_token_url, make_response(404, "<html>nope</html>"));
            lti::TokenSource tokens(transport, credentials(), &test_key(), {}, clock);
            CHECK_THROWS_WITH_AS(tokens.token(), doctest::Contains("HTTP 404: Not Found"),
                                 util::ConfigError);
        }
    }

    TEST_CASE(
        "a 200 without an access token is a configuration error that does not echo the body") {
        testing::FakeTransport transport;
        testing::FakeClock clock;
        transport.on("POST", k_token_url, make_response(200, "<html>login page secret</html>"));
        lti::TokenSource tokens(transport, credentials(), &test_key(), {}, clock);
        try {
            tokens.token();
            FAIL("no error");
        } catch (const util::ConfigError& error) {
            CHECK(std::string(error.what()).find("secret") == std::string::npos);
            CHECK(std::string(error.what()).find("not with JSON") != std::string::npos);
        }
    }

    TEST_CASE("missing client id or key are configuration errors before any request") {
        testing::FakeTransport transport;
        testing::FakeClock clock;
        auto no_client = credentials();
        no_client.client_id.clear();
        lti::TokenSource without_client(transport, no_client, &test_key(), {}, clock);
        CHECK_THROWS_WITH_AS(without_client.token(), doctest::Contains("no client id"),
                             util::ConfigError);
        lti::TokenSource without_key(transport, credentials(), nullptr, {}, clock);
        CHECK_THROWS_WITH_AS(without_key.token(), doctest::Contains("no private key"),
                             util::ConfigError);
        CHECK(transport.requests().empty());
    }

} // TEST_SUITE
