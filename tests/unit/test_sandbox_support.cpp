#include "test_sandbox_support.hpp"

#include <doctest/doctest.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <atomic>
#include <chrono>
#include <fstream>

namespace gradepost::testing {

namespace {

std::string base64url(const unsigned char* data, std::size_t size) {
    static constexpr char k_alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string text;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (std::size_t i = 0; i < size; ++i) {
        buffer = (buffer << 8) | data[i];
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            text.push_back(k_alphabet[(buffer >> bits) & 0x3f]);
        }
    }
    if (bits > 0)
        text.push_back(k_alphabet[(buffer << (6 - bits)) & 0x3f]);
    return text;
}

std::string base64url(const std::string& text) {
    return base64url(reinterpret_cast<const unsigned char*>(text.data()), text.size());
}

std::string big_number(EVP_PKEY* key, const char* name) {
    BIGNUM* number = nullptr;
    EVP_PKEY_get_bn_param(key, name, &number);
    std::string bytes(static_cast<std::size_t>(BN_num_bytes(number)), '\0');
    BN_bn2bin(number, reinterpret_cast<unsigned char*>(bytes.data()));
    BN_free(number);
    return base64url(bytes);
}

} // namespace

struct ToolKey::Impl {
    EVP_PKEY* key = nullptr;
};

ToolKey::ToolKey() : m_impl(std::make_unique<Impl>()) {
    m_impl->key = EVP_RSA_gen(2048);
    REQUIRE(m_impl->key != nullptr);
}

ToolKey::~ToolKey() {
    EVP_PKEY_free(m_impl->key);
}

void ToolKey::write_public_pem(const std::filesystem::path& file) const {
    BIO* bio = BIO_new_file(file.c_str(), "w");
    REQUIRE(bio != nullptr);
    REQUIRE(PEM_write_bio_PUBKEY(bio, m_impl->key) == 1);
    BIO_free(bio);
}

void ToolKey::write_jwks(const std::filesystem::path& file, const std::string& kid) const {
    nlohmann::json jwk = {{"kty", "RSA"},
                          {"kid", kid},
                          {"alg", "RS256"},
                          {"use", "sig"},
                          {"n", big_number(m_impl->key, OSSL_PKEY_PARAM_RSA_N)},
                          {"e", big_number(m_impl->key, OSSL_PKEY_PARAM_RSA_E)}};
    // A second key under another kid, so the sandbox must pick by kid.
    static const ToolKey other;
    EVP_PKEY* other_key = other.m_impl->key;
    nlohmann::json other_jwk = {{"kty", "RSA"},
                                {"kid", "other-" + kid},
                                {"n", big_number(other_key, OSSL_PKEY_PARAM_RSA_N)},
                                {"e", big_number(other_key, OSSL_PKEY_PARAM_RSA_E)}};
    std::ofstream(file) << nlohmann::json{{"keys", {other_jwk, jwk}}}.dump();
}

std::string ToolKey::sign(const nlohmann::json& header, const nlohmann::json& claims) const {
    std::string signed_text = base64url(header.dump()) + "." + base64url(claims.dump());
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    std::size_t length = 0;
    REQUIRE(EVP_DigestSignInit(context, nullptr, EVP_sha256(), nullptr, m_impl->key) == 1);
    REQUIRE(EVP_DigestSign(context, nullptr, &length,
                           reinterpret_cast<const unsigned char*>(signed_text.data()),
                           signed_text.size()) == 1);
    std::string signature(length, '\0');
    REQUIRE(EVP_DigestSign(context, reinterpret_cast<unsigned char*>(signature.data()), &length,
                           reinterpret_cast<const unsigned char*>(signed_text.data()),
                           signed_text.size()) == 1);
    EVP_MD_CTX_free(context);
    signature.resize(length);
    return signed_text + "." + base64url(signature);
}

const ToolKey& shared_tool_key() {
    static const ToolKey key;
    return key;
}

long long unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string unique_jti() {
    static std::atomic<int> counter{0};
    return "jti-" + std::to_string(unix_now()) + "-" + std::to_string(++counter);
}

nlohmann::json assertion_claims(const std::string& audience) {
    long long now = unix_now();
    return {{"iss", k_client_id}, {"sub", k_client_id}, {"aud", audience},
            {"iat", now - 5},     {"exp", now + 300},   {"jti", unique_jti()}};
}

RunningSandbox::RunningSandbox(sandbox::SandboxOptions options, const std::string& jwks_kid)
    : m_dir(std::make_unique<ScratchDir>()), m_key(&shared_tool_key()) {
    if (!jwks_kid.empty()) {
        m_key->write_jwks(*m_dir / "jwks.json", jwks_kid);
        options.public_key_file = (*m_dir / "jwks.json").string();
    } else if (options.public_key_file.empty() && options.write_profile_dir.empty()) {
        m_key->write_public_pem(*m_dir / "tool-public.pem");
        options.public_key_file = (*m_dir / "tool-public.pem").string();
    }
    m_token_path = options.quirks == sandbox::QuirkMode::moodle ? "/mod/lti/token.php" : "/token";
    m_sandbox = std::make_unique<sandbox::Sandbox>(options);
    m_sandbox->start();
    m_base_url = m_sandbox->base_url();
}

RunningSandbox::~RunningSandbox() {
    m_sandbox->stop();
}

httplib::Client RunningSandbox::client() const {
    httplib::Client client(m_base_url);
    client.set_read_timeout(10, 0);
    client.set_keep_alive(true);
    client.set_tcp_nodelay(true);
    return client;
}

std::string RunningSandbox::token_url() const {
    return m_base_url + m_token_path;
}

std::string RunningSandbox::line_items_path() const {
    return "/api/lti/courses/course-1/line_items";
}

httplib::Result RunningSandbox::request_token(const std::string& assertion,
                                              const std::string& scopes) const {
    httplib::Params form = {
        {"grant_type", "client_credentials"},
        {"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"},
        {"client_assertion", assertion},
        {"scope", scopes}};
    return client().Post(m_token_path.c_str(), form);
}

std::string RunningSandbox::token(const std::string& scopes) const {
    auto result = request_token(m_key->sign({{"alg", "RS256"}, {"typ", "JWT"}, {"kid", "tool-key"}},
                                            assertion_claims(token_url())),
                                scopes);
    REQUIRE(result);
    REQUIRE(result->status == 200);
    return nlohmann::json::parse(result->body).at("access_token").get<std::string>();
}

httplib::Headers RunningSandbox::auth(const std::string& token, const std::string& accept) const {
    httplib::Headers headers = {{"Authorization", "Bearer " + token}};
    if (!accept.empty())
        headers.emplace("Accept", accept);
    return headers;
}

nlohmann::json RunningSandbox::admin(const std::string& path) const {
    auto result = client().Get(("/_sandbox/" + path).c_str());
    REQUIRE(result);
    REQUIRE(result->status == 200);
    return nlohmann::json::parse(result->body);
}

nlohmann::json score_body(const std::string& user, double given, double maximum,
                          const std::string& timestamp) {
    return {{"userId", user},
            {"scoreGiven", given},
            {"scoreMaximum", maximum},
            {"activityProgress", "Completed"},
            {"gradingProgress", "FullyGraded"},
            {"timestamp", timestamp}};
}

std::string post_score(httplib::Client& client, const httplib::Headers& headers,
                       const std::string& path, const nlohmann::json& body, int* status) {
    auto result =
        client.Post(path.c_str(), headers, body.dump(), "application/vnd.ims.lis.v1.score+json");
    REQUIRE(result);
    if (status)
        *status = result->status;
    return result->body;
}

} // namespace gradepost::testing
