#include "http/trace.hpp"

#include "support/captured_stderr.hpp"
#include "util/log.hpp"

#include <doctest/doctest.h>

#include <cstdio>

using namespace gradepost;

namespace {

constexpr const char* k_bearer = "eyJhbGciOiJSUzI1NiJ9.bearer-token-value.signature";
constexpr const char* k_assertion = "eyJhbGciOiJSUzI1NiJ9.client-assertion-value.signature";

http::Request token_request() {
    http::Request request;
    request.method = "POST";
    request.url = "https://lms.example/login/oauth2/token";
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                       {"authorization", std::string("Bearer ") + k_bearer}};
    request.body =
        std::string("grant_type=client_credentials&client_assertion=") + k_assertion + "&scope=x";
    return request;
}

// Runs `write` and returns what it wrote to stderr.
template <typename Write> std::string capture_stderr(Write write) {
    testing::CapturedStderr captured;
    write();
    return captured.text();
}

struct Verbosity {
    explicit Verbosity(int level) : m_saved(util::verbosity()) { util::set_verbosity(level); }
    ~Verbosity() { util::set_verbosity(m_saved); }
    int m_saved;
};

} // namespace

TEST_SUITE("http::trace") {

    TEST_CASE("a request trace shows the request but no bearer token or client assertion") {
        auto text = http::describe_request(token_request(), 1);
        CHECK(text.find("> POST https://lms.example/login/oauth2/token") == 0);
        CHECK(text.find("Content-Type: application/x-www-form-urlencoded") != std::string::npos);
        CHECK(text.find("authorization: [REDACTED]") != std::string::npos);
        CHECK(text.find("grant_type=client_credentials") != std::string::npos);
        CHECK(text.find("bearer-token-value") == std::string::npos);
        CHECK(text.find("client-assertion-value") == std::string::npos);
    }

    TEST_CASE("a response trace hides the access token of a JSON body") {
        http::Response response;
        response.status = 200;
        response.reason = "OK";
        response.headers = {{"Content-Type", "application/json"},
                            {"Set-Cookie", "session=abcdef123"}};
        response.body = R"({"access_token": "secret-access-token-123", "expires_in": 3600})";
        auto text = http::describe_response(token_request(), response);
        CHECK(text.find("< 200 OK (POST https://lms.example/login/oauth2/token)") == 0);
        CHECK(text.find("expires_in") != std::string::npos);
        CHECK(text.find("secret-access-token-123") == std::string::npos);
        CHECK(text.find("abcdef123") == std::string::npos);
    }

    TEST_CASE("a response without HTTP answer shows the transport error") {
        http::Response response;
        response.transport_error = "could not connect: Connection refused";
        auto text = http::describe_response(token_request(), response);
        CHECK(text.find("< no response from POST") == 0);
        CHECK(text.find("Connection refused") != std::string::npos);
    }

    TEST_CASE("long bodies are cut after redaction, so a cut never shows half a secret") {
        http::Request request;
        request.method = "POST";
        request.url = "https://lms.example/scores";
        request.body = std::string(http::k_trace_body_limit - 28, 'x') +
                       R"({"access_token": "cut-in-the-middle-token"})";
        auto text = http::describe_request(request, 2);
        CHECK(text.find("(send 2)") != std::string::npos);
        CHECK(text.find("cut-in") == std::string::npos);
        CHECK(text.find("more bytes)") != std::string::npos);
        CHECK(text.size() < http::k_trace_body_limit + 200);
    }

    TEST_CASE("at -vv the trace lines on stderr come out redacted; below -vv there are none") {
        http::Response response;
        response.status = 200;
        response.body = std::string(R"({"access_token": ")") + k_bearer + "\"}";

        auto traced = capture_stderr([&] {
            Verbosity verbose(2);
            http::trace_request(token_request(), 1);
            http::trace_response(token_request(), response);
        });
        CHECK(traced.find("> POST https://lms.example/login/oauth2/token") != std::string::npos);
        CHECK(traced.find("< 200") != std::string::npos);
        CHECK(traced.find("[REDACTED]") != std::string::npos);
        CHECK(traced.find("bearer-token-value") == std::string::npos);
        CHECK(traced.find("client-assertion-value") == std::string::npos);

        auto quiet = capture_stderr([&] {
            Verbosity verbose(1);
            http::trace_request(token_request(), 1);
        });
        CHECK(quiet.empty());
    }
}
