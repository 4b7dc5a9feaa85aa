#include "test_sandbox_support.hpp"

#include <doctest/doctest.h>

using namespace gradepost;
using gradepost::testing::assertion_claims;
using gradepost::testing::RunningSandbox;

namespace {

nlohmann::json header(const std::string& kid = "tool-key") {
    return {{"alg", "RS256"}, {"typ", "JWT"}, {"kid", kid}};
}

// The OAuth error code of a refused token request, with its status.
std::pair<int, std::string> refusal(const httplib::Result& result) {
    REQUIRE(result);
    auto body = nlohmann::json::parse(result->body);
    return {result->status, body.value("error", "")};
}

} // namespace

TEST_SUITE("sandbox::token_endpoint") {

    TEST_CASE("a valid assertion gets a bearer token with the requested scopes") {
        RunningSandbox sandbox;
        auto result = sandbox.request_token(
            sandbox.key().sign(header(), assertion_claims(sandbox.token_url())),
            "https://purl.imsglobal.org/spec/lti-ags/scope/score "
            "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem");
        REQUIRE(result);
        CHECK(result->status == 200);
        CHECK(result->get_header_value("Content-Type") == "application/json");
        auto body = nlohmann::json::parse(result->body);
        CHECK(body["token_type"] == "Bearer");
        CHECK(body["expires_in"] == 3600);
        CHECK(body["access_token"].get<std::string>().size() >= 32);
        CHECK(body["scope"] == "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem "
                               "https://purl.imsglobal.org/spec/lti-ags/scope/score");
    }

    TEST_CASE("an assertion signed by another key is invalid_client") {
        RunningSandbox sandbox;
        gradepost::testing::ToolKey stranger;
        auto result =
            sandbox.request_token(stranger.sign(header(), assertion_claims(sandbox.token_url())));
        CHECK(refusal(result) == std::pair<int, std::string>{401, "invalid_client"});
    }

    TEST_CASE("an assertion whose signature was tampered with is invalid_client") {
        RunningSandbox sandbox;
        std::string jwt = sandbox.key().sign(header(), assertion_claims(sandbox.token_url()));
        jwt[jwt.size() - 5] = jwt[jwt.size() - 5] == 'A' ? 'B' : 'A';
        CHECK(refusal(sandbox.request_token(jwt)) ==
              std::pair<int, std::string>{401, "invalid_client"});
    }

    TEST_CASE("with a JWKS the key is picked by kid and an unknown kid is invalid_client") {
        RunningSandbox sandbox({}, "tool-2026");
        auto claims = assertion_claims(sandbox.token_url());
        CHECK(sandbox.request_token(sandbox.key().sign(header("tool-2026"), claims))->status ==
              200);

        auto unknown = sandbox.request_token(
            sandbox.key().sign(header("nobody"), assertion_claims(sandbox.token_url())));
        CHECK(refusal(unknown) == std::pair<int, std::string>{401, "invalid_client"});
        // The JWKS's other key exists, but this key's signature does not match it.
        auto wrong = sandbox.request_token(
            sandbox.key().sign(header("other-tool-2026"), assertion_claims(sandbox.token_url())));
        CHECK(refusal(wrong) == std::pair<int, std::string>{401, "invalid_client"});
    }

    TEST_CASE("an expired assertion is invalid_grant") {
        RunningSandbox sandbox;
        auto claims = assertion_claims(sandbox.token_url());
        claims["exp"] = gradepost::testing::unix_now() - 1;
        claims["iat"] = gradepost::testing::unix_now() - 120;
        CHECK(refusal(sandbox.request_token(sandbox.key().sign(header(), claims))) ==
              std::pair<int, std::string>{400, "invalid_grant"});
    }

    TEST_CASE("iat more than 60 s ahead is invalid_grant, 30 s ahead is accepted") {
        RunningSandbox sandbox;
        auto ahead = assertion_claims(sandbox.token_url());
        ahead["iat"] = gradepost::testing::unix_now() + 90;
        CHECK(refusal(sandbox.request_token(sandbox.key().sign(header(), ahead))) ==
              std::pair<int, std::string>{400, "invalid_grant"});

        auto slightly = assertion_claims(sandbox.token_url());
        slightly["iat"] = gradepost::testing::unix_now() + 30;
        CHECK(sandbox.request_token(sandbox.key().sign(header(), slightly))->status == 200);
    }

    TEST_CASE("Canvas allows iat 30 s ahead and 5 min old; Moodle no leeway at all") {
        sandbox::SandboxOptions canvas;
        canvas.quirks = sandbox::QuirkMode::canvas;
        RunningSandbox sandbox(canvas);
        auto status = [&sandbox](long long iat_offset) {
            auto claims = assertion_claims(sandbox.token_url());
            claims["iat"] = gradepost::testing::unix_now() + iat_offset;
            return sandbox.request_token(sandbox.key().sign(header(), claims))->status;
        };
        CHECK(status(-200) == 200);
        CHECK(status(-400) == 400);
        CHECK(status(45) == 400);

        sandbox::SandboxOptions moodle;
        moodle.quirks = sandbox::QuirkMode::moodle;
        RunningSandbox strict_clock(moodle);
        auto ahead = assertion_claims(strict_clock.token_url());
        ahead["iat"] = gradepost::testing::unix_now() + 10;
        CHECK(strict_clock.request_token(strict_clock.key().sign(header(), ahead))->status == 400);
    }

    TEST_CASE("a replayed jti is invalid_grant") {
        RunningSandbox sandbox;
        std::string jwt = sandbox.key().sign(header(), assertion_claims(sandbox.token_url()));
        CHECK(sandbox.request_token(jwt)->status == 200);
        CHECK(refusal(sandbox.request_token(jwt)) ==
              std::pair<int, std::string>{400, "invalid_grant"});
    }

    TEST_CASE("aud must be the token URL, as a string or in an array") {
        RunningSandbox sandbox;
        auto wrong = assertion_claims("https://elsewhere.example/token");
        CHECK(refusal(sandbox.request_token(sandbox.key().sign(header(), wrong))) ==
              std::pair<int, std::string>{400, "invalid_grant"});

        auto array = assertion_claims(sandbox.token_url());
        array["aud"] = {"https://elsewhere.example/token", sandbox.token_url()};
        CHECK(sandbox.request_token(sandbox.key().sign(header(), array))->status == 200);
    }

    TEST_CASE("an unknown client, or sub differing from iss, is invalid_client") {
        RunningSandbox sandbox;
        auto unknown = assertion_claims(sandbox.token_url());
        unknown["iss"] = unknown["sub"] = "someone-else";
        CHECK(refusal(sandbox.request_token(sandbox.key().sign(header(), unknown))) ==
              std::pair<int, std::string>{401, "invalid_client"});

        auto mismatch = assertion_claims(sandbox.token_url());
        mismatch["sub"] = "someone-else";
        CHECK(refusal(sandbox.request_token(sandbox.key().sign(header(), mismatch))) ==
              std::pair<int, std::string>{401, "invalid_client"});
    }

    TEST_CASE("only allowed scopes are granted; none allowed is invalid_scope") {
        sandbox::SandboxOptions options;
        options.scopes = "score,result.readonly";
        RunningSandbox sandbox(options);

        auto partly = sandbox.request_token(
            sandbox.key().sign(header(), assertion_claims(sandbox.token_url())),
            "https://purl.imsglobal.org/spec/lti-ags/scope/score "
            "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem");
        REQUIRE(partly);
        CHECK(nlohmann::json::parse(partly->body)["scope"] ==
              "https://purl.imsglobal.org/spec/lti-ags/scope/score");

        auto refused = sandbox.request_token(
            sandbox.key().sign(header(), assertion_claims(sandbox.token_url())),
            "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem");
        CHECK(refusal(refused) == std::pair<int, std::string>{400, "invalid_scope"});
    }

    TEST_CASE("a request that is not client credentials with a JWT bearer assertion is refused") {
        RunningSandbox sandbox;
        std::string jwt = sandbox.key().sign(header(), assertion_claims(sandbox.token_url()));
        auto client = sandbox.client();
        SUBCASE("another grant type") {
            auto result = client.Post("/token", httplib::Params{{"grant_type", "password"}});
            CHECK(refusal(result) == std::pair<int, std::string>{400, "unsupported_grant_type"});
        }
        SUBCASE("no assertion type") {
            auto result =
                client.Post("/token", httplib::Params{{"grant_type", "client_credentials"},
                                                      {"client_assertion", jwt}});
            CHECK(refusal(result) == std::pair<int, std::string>{400, "invalid_request"});
        }
        SUBCASE("not a JWT") {
            CHECK(refusal(sandbox.request_token("not-a-jwt")) ==
                  std::pair<int, std::string>{400, "invalid_request"});
        }
        SUBCASE("no scope") {
            CHECK(refusal(sandbox.request_token(jwt, "")) ==
                  std::pair<int, std::string>{400, "invalid_scope"});
        }
    }

    TEST_CASE("the token lifetime is configurable") {
        sandbox::SandboxOptions options;
        options.token_lifetime_seconds = 120;
        RunningSandbox sandbox(options);
        auto result = sandbox.request_token(
            sandbox.key().sign(header(), assertion_claims(sandbox.token_url())));
        REQUIRE(result);
        CHECK(nlohmann::json::parse(result->body)["expires_in"] == 120);
    }

    TEST_CASE("the log and stats count token requests, issued and refused") {
        RunningSandbox sandbox;
        sandbox.token();
        sandbox.request_token("not-a-jwt");
        auto stats = sandbox.admin("stats");
        CHECK(stats["token_requests"] == 2);
        CHECK(stats["tokens_issued"] == 1);
        CHECK(stats["tokens_refused"] == 1);
        auto entries = sandbox.admin("log")["entries"];
        REQUIRE(entries.size() == 2);
        CHECK(entries[0]["path"] == "/token");
        CHECK(entries[0]["client_id"] == "sandbox-tool");
        CHECK(entries[1]["status"] == 400);
    }
}
