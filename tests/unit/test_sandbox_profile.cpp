#include "test_sandbox_support.hpp"

#include "sandbox/crypto.hpp"

#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <fstream>
#include <sstream>
#include <sys/stat.h>

using namespace gradepost;
using gradepost::testing::RunningSandbox;

namespace {

std::string read_text(const std::filesystem::path& file) {
    std::ifstream stream(file);
    std::ostringstream text;
    text << stream.rdbuf();
    return text.str();
}

// Signs with the PEM private key the sandbox wrote, using OpenSSL directly.
std::string sign_with(const std::filesystem::path& private_key, const nlohmann::json& header,
                      const nlohmann::json& claims) {
    FILE* file = std::fopen(private_key.c_str(), "r");
    REQUIRE(file != nullptr);
    EVP_PKEY* key = PEM_read_PrivateKey(file, nullptr, nullptr, nullptr);
    std::fclose(file);
    REQUIRE(key != nullptr);
    std::string text =
        sandbox::base64url_encode(header.dump()) + "." + sandbox::base64url_encode(claims.dump());
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    std::size_t length = 0;
    EVP_DigestSignInit(context, nullptr, EVP_sha256(), nullptr, key);
    EVP_DigestSign(context, nullptr, &length, reinterpret_cast<const unsigned char*>(text.data()),
                   text.size());
    std::string signature(length, '\0');
    EVP_DigestSign(context, reinterpret_cast<unsigned char*>(signature.data()), &length,
                   reinterpret_cast<const unsigned char*>(text.data()), text.size());
    EVP_MD_CTX_free(context);
    EVP_PKEY_free(key);
    signature.resize(length);
    return text + "." + sandbox::base64url_encode(signature);
}

} // namespace

TEST_SUITE("sandbox::profile_writer") {

    TEST_CASE("--write-profile writes a key pair and a config.json that works") {
        gradepost::testing::ScratchDir out;
        sandbox::SandboxOptions options;
        options.write_profile_dir = (out / "profile").string();
        options.quirks = sandbox::QuirkMode::canvas;
        RunningSandbox sandbox(options);
        auto dir = out / "profile";

        struct stat info {};
        REQUIRE(::stat((dir / "tool-private.pem").c_str(), &info) == 0);
        CHECK((info.st_mode & 0777) == 0600);
        CHECK(read_text(dir / "tool-private.pem").rfind("-----BEGIN PRIVATE KEY-----", 0) == 0);
        CHECK(read_text(dir / "tool-public.pem").rfind("-----BEGIN PUBLIC KEY-----", 0) == 0);

        auto config = nlohmann::json::parse(read_text(dir / "config.json"));
        CHECK(config["default_profile"] == "sandbox");
        auto profile = config["profiles"]["sandbox"];
        CHECK(profile["platform"] == "canvas");
        CHECK(profile["client_id"] == "sandbox-tool");
        CHECK(profile["token_url"] == sandbox.base_url() + "/token");
        CHECK(profile["lineitems_url"] ==
              sandbox.base_url() + "/api/lti/courses/course-1/line_items");
        CHECK(profile["memberships_url"] ==
              sandbox.base_url() + "/api/lti/courses/course-1/names_and_roles");
        std::filesystem::path key_file = profile["private_key_file"].get<std::string>();
        CHECK(key_file.is_absolute());
        CHECK(std::filesystem::equivalent(key_file, dir / "tool-private.pem"));

        auto jwks = nlohmann::json::parse(read_text(dir / "jwks.json"));
        CHECK(jwks["keys"][0]["kid"] == profile["key_id"]);
        CHECK(jwks["keys"][0]["alg"] == "RS256");

        // The sandbox trusts the key it generated, under its kid.
        nlohmann::json header = {{"alg", "RS256"}, {"kid", profile["key_id"]}};
        auto claims = gradepost::testing::assertion_claims(sandbox.token_url());
        CHECK(sandbox.request_token(sign_with(key_file, header, claims))->status == 200);
        header["kid"] = "another-kid";
        claims["jti"] = gradepost::testing::unique_jti();
        CHECK(sandbox.request_token(sign_with(key_file, header, claims))->status == 401);
    }

    TEST_CASE("the generated kid is the RFC 7638 thumbprint of the public key") {
        auto pair = sandbox::generate_key_pair();
        auto jwk = pair.jwks["keys"][0];
        nlohmann::json canonical = {{"e", jwk["e"]}, {"kty", "RSA"}, {"n", jwk["n"]}};
        std::string text = canonical.dump();
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
        CHECK(pair.kid == sandbox::base64url_encode(
                              std::string_view(reinterpret_cast<const char*>(digest), length)));
        CHECK(pair.kid.size() == 43);
    }
}
