#include "config/private_key.hpp"
#include "config/random.hpp"
#include "support/captured_stderr.hpp"
#include "support/scratch_dir.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>

using namespace gradepost;

namespace {

// The tests make their keys: no private key is ever stored in the repository.
const config::PrivateKey& shared_key() {
    static config::PrivateKey key = config::PrivateKey::generate(2048);
    return key;
}

struct PkeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

Pkey read_public_key(const std::string& pem) {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    Pkey key(PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr));
    BIO_free(bio);
    return key;
}

Pkey read_private_key(const std::string& pem) {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    Pkey key(PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr));
    BIO_free(bio);
    return key;
}

bool verify_rs256(const std::string& public_pem, const std::string& data,
                  const std::string& signature) {
    Pkey key = read_public_key(public_pem);
    REQUIRE(key);
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    bool ok =
        EVP_DigestVerifyInit(context, nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
        EVP_DigestVerify(context, reinterpret_cast<const unsigned char*>(signature.data()),
                         signature.size(), reinterpret_cast<const unsigned char*>(data.data()),
                         data.size()) == 1;
    EVP_MD_CTX_free(context);
    return ok;
}

template <typename Write> std::string to_pem(Write write) {
    BIO* bio = BIO_new(BIO_s_mem());
    REQUIRE(write(bio) == 1);
    char* data = nullptr;
    long size = BIO_get_mem_data(bio, &data);
    std::string pem(data, static_cast<std::size_t>(size));
    BIO_free(bio);
    return pem;
}

std::string write_file(const std::filesystem::path& path, const std::string& text, mode_t mode) {
    std::ofstream(path) << text;
    chmod(path.c_str(), mode);
    return path.string();
}

} // namespace

TEST_SUITE("config::private_key") {

    TEST_CASE("a generated key signs RS256 and its public key verifies the signature") {
        const auto& key = shared_key();
        std::string signature = key.sign_rs256("header.claims");
        CHECK(signature.size() == 256);
        CHECK(verify_rs256(key.public_pem(), "header.claims", signature));
        CHECK_FALSE(verify_rs256(key.public_pem(), "header.claimz", signature));
    }

    TEST_CASE("PEMs are PKCS#8 and SubjectPublicKeyInfo") {
        const auto& key = shared_key();
        CHECK(key.private_pem().rfind("-----BEGIN PRIVATE KEY-----", 0) == 0);
        CHECK(key.public_pem().rfind("-----BEGIN PUBLIC KEY-----", 0) == 0);
    }

    TEST_CASE("PKCS#1 and PKCS#8 PEMs load as the same key") {
        Pkey original = read_private_key(shared_key().private_pem());
        REQUIRE(original);
        std::string pkcs1 = to_pem([&](BIO* bio) {
            return PEM_write_bio_PrivateKey_traditional(bio, original.get(), nullptr, nullptr, 0,
                                                        nullptr, nullptr);
        });
        std::string pkcs8 = to_pem([&](BIO* bio) {
            return PEM_write_bio_PKCS8PrivateKey(bio, original.get(), nullptr, nullptr, 0, nullptr,
                                                 nullptr);
        });
        REQUIRE(pkcs1.rfind("-----BEGIN RSA PRIVATE KEY-----", 0) == 0);
        REQUIRE(pkcs8.rfind("-----BEGIN PRIVATE KEY-----", 0) == 0);

        auto from_pkcs1 = config::PrivateKey::from_pem(pkcs1, "pkcs1.pem");
        auto from_pkcs8 = config::PrivateKey::from_pem(pkcs8, "pkcs8.pem");
        CHECK(from_pkcs1.thumbprint() == shared_key().thumbprint());
        CHECK(from_pkcs8.thumbprint() == shared_key().thumbprint());
        CHECK(from_pkcs1.origin() == "pkcs1.pem");
        CHECK(verify_rs256(shared_key().public_pem(), "x", from_pkcs1.sign_rs256("x")));
    }

    TEST_CASE("an EC key is refused: LTI needs RSA") {
        Pkey ec(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
        REQUIRE(ec);
        std::string pem = to_pem([&](BIO* bio) {
            return PEM_write_bio_PrivateKey(bio, ec.get(), nullptr, nullptr, 0, nullptr, nullptr);
        });
        CHECK_THROWS_WITH_AS(config::PrivateKey::from_pem(pem, "ec.pem"),
                             doctest::Contains("ec.pem: a EC key, but LTI 1.3 signs with RS256"),
                             util::ConfigError);
    }

    TEST_CASE("an encrypted key is refused without asking for a pass phrase") {
        Pkey original = read_private_key(shared_key().private_pem());
        char pass[] = "correct horse";
        std::string pem = to_pem([&](BIO* bio) {
            return PEM_write_bio_PKCS8PrivateKey(bio, original.get(), EVP_aes_256_cbc(), pass,
                                                 sizeof pass - 1, nullptr, nullptr);
        });
        REQUIRE(pem.find("ENCRYPTED PRIVATE KEY") != std::string::npos);
        CHECK_THROWS_WITH_AS(config::PrivateKey::from_pem(pem, "locked.pem"),
                             doctest::Contains("locked.pem: the private key is encrypted"),
                             util::ConfigError);
    }

    TEST_CASE("a public key or garbage is refused, without echoing the text") {
        CHECK_THROWS_WITH_AS(config::PrivateKey::from_pem(shared_key().public_pem(), "pub.pem"),
                             doctest::Contains("not the tool's private key"), util::ConfigError);
        CHECK_THROWS_WITH_AS(
            config::PrivateKey::from_pem("hello", "x.pem"),
            "x.pem: not a PEM private key (expected -----BEGIN PRIVATE KEY----- or "
            "-----BEGIN RSA PRIVATE KEY-----)",
            util::ConfigError);
        std::string damaged = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n"
                              "-----END PRIVATE KEY-----\n";
        try {
            config::PrivateKey::from_pem(damaged, "damaged.pem");
            FAIL("no error");
        } catch (const util::ConfigError& error) {
            CHECK(std::string(error.what()).find("MIIE") == std::string::npos);
        }
    }

    TEST_CASE("generate refuses fewer than 2048 bits") {
        CHECK_THROWS_AS(config::PrivateKey::generate(1024), util::UsageError);
    }

    TEST_CASE("the RFC 7638 example key has the RFC's thumbprint") {
        const char* n =
            "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhD"
            "R1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6"
            "Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajr"
            "n1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0"
            "Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
        CHECK(config::rsa_jwk_thumbprint("AQAB", n) ==
              "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    }

    TEST_CASE("the public JWK carries n, e, alg, use and kid, and its thumbprint is the key's") {
        const auto& key = shared_key();
        auto jwk = nlohmann::json::parse(key.public_jwk_json("kid-1"));
        CHECK(jwk["kty"] == "RSA");
        CHECK(jwk["e"] == "AQAB");
        CHECK(jwk["alg"] == "RS256");
        CHECK(jwk["use"] == "sig");
        CHECK(jwk["kid"] == "kid-1");
        CHECK(jwk["n"].get<std::string>().size() == 342); // 256 bytes, base64url, no padding
        CHECK(jwk.size() == 6);
        CHECK(config::rsa_jwk_thumbprint(jwk["e"].get<std::string>(),
                                         jwk["n"].get<std::string>()) == key.thumbprint());
        CHECK(key.thumbprint().size() == 43);
    }

    TEST_CASE("base64url has no padding and uses - and _") {
        CHECK(config::base64url_encode("") == "");
        CHECK(config::base64url_encode("f") == "Zg");
        CHECK(config::base64url_encode("fo") == "Zm8");
        CHECK(config::base64url_encode("foo") == "Zm9v");
        CHECK(config::base64url_encode("\xfb\xff\xbf") == "-_-_");
    }

    TEST_CASE("the key from the environment wins over the key file") {
        auto key = config::load_private_key("/nonexistent/key.pem", shared_key().private_pem());
        CHECK(key.origin() == "GRADEPOST_PRIVATE_KEY");
        CHECK(key.thumbprint() == shared_key().thumbprint());
    }

    TEST_CASE("a PEM in the environment with escaped newlines still loads") {
        std::string pem = shared_key().private_pem();
        std::string escaped;
        for (char c : pem)
            escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
        CHECK(config::load_private_key("", escaped).thumbprint() == shared_key().thumbprint());
    }

    TEST_CASE("a key file readable by others draws a warning naming the file, never the key") {
        testing::ScratchDir dir;
        std::string path = write_file(dir / "key.pem", shared_key().private_pem(), 0644);
        testing::CapturedStderr captured;
        auto key = config::load_private_key(path, std::nullopt);
        std::string warnings = captured.text();
        CHECK(key.origin() == path);
        CHECK(warnings.find("key file " + path + " is readable by others (mode 0644); chmod 600 " +
                            path) != std::string::npos);
        CHECK(warnings.find("PRIVATE KEY") == std::string::npos);
    }

    TEST_CASE("a key file with mode 0600 loads without a warning") {
        testing::ScratchDir dir;
        std::string path = write_file(dir / "key.pem", shared_key().private_pem(), 0600);
        testing::CapturedStderr captured;
        config::load_private_key(path, std::nullopt);
        CHECK(captured.text().empty());
    }

    TEST_CASE("a missing key file or no key at all is a configuration error") {
        CHECK_THROWS_WITH_AS(config::load_private_key("/nonexistent/key.pem", std::nullopt),
                             doctest::Contains("cannot read key file /nonexistent/key.pem"),
                             util::ConfigError);
        CHECK_THROWS_WITH_AS(config::load_private_key("", std::nullopt),
                             doctest::Contains("no private key"), util::ConfigError);
    }

    TEST_CASE("random_hex gives fresh lowercase hex of the asked size") {
        std::string first = config::random_hex(16);
        CHECK(first.size() == 32);
        CHECK(first.find_first_not_of("0123456789abcdef") == std::string::npos);
        CHECK(first != config::random_hex(16));
    }

} // TEST_SUITE
