#include "sandbox/crypto.hpp"

#include "util/error.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <array>
#include <fstream>
#include <sstream>

namespace gradepost::sandbox {

struct VerifyKey::Impl {
    std::shared_ptr<EVP_PKEY> key;
};

namespace {

template <typename T, void (*free_function)(T*)> struct Deleter {
    void operator()(T* pointer) const { free_function(pointer); }
};
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using BigNumber = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using DigestContext = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using KeyContext = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using ParamBuilder = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;
using Decoder = std::unique_ptr<OSSL_DECODER_CTX, Deleter<OSSL_DECODER_CTX, OSSL_DECODER_CTX_free>>;
using Certificate = std::unique_ptr<X509, Deleter<X509, X509_free>>;

VerifyKey wrap(EVP_PKEY* key) {
    auto impl = std::make_shared<VerifyKey::Impl>();
    impl->key = std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
    return VerifyKey(std::move(impl));
}

std::string big_number_bytes(const EVP_PKEY* key, const char* name) {
    BIGNUM* raw = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &raw) != 1)
        return {};
    BigNumber number(raw);
    std::string bytes(static_cast<std::size_t>(BN_num_bytes(number.get())), '\0');
    BN_bn2bin(number.get(), reinterpret_cast<unsigned char*>(bytes.data()));
    return bytes;
}

BigNumber big_number_from(std::string_view bytes) {
    return BigNumber(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                               static_cast<int>(bytes.size()), nullptr));
}

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    long size = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(size));
}

// Any PEM an administrator may hold for a tool: SubjectPublicKeyInfo, PKCS#1 RSA public key
// or a certificate.
EVP_PKEY* decode_pem_public_key(const std::string& text) {
    EVP_PKEY* key = nullptr;
    Decoder decoder(OSSL_DECODER_CTX_new_for_pkey(&key, "PEM", nullptr, "RSA", EVP_PKEY_PUBLIC_KEY,
                                                  nullptr, nullptr));
    if (decoder) {
        auto data = reinterpret_cast<const unsigned char*>(text.data());
        std::size_t length = text.size();
        if (OSSL_DECODER_from_data(decoder.get(), &data, &length) == 1 && key)
            return key;
    }
    Bio bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
    Certificate certificate(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    return certificate ? X509_get_pubkey(certificate.get()) : nullptr;
}

EVP_PKEY* key_from_jwk(const nlohmann::json& jwk) {
    if (!jwk.is_object() || jwk.value("kty", "") != "RSA" || !jwk.contains("n") ||
        !jwk.contains("e") || !jwk["n"].is_string() || !jwk["e"].is_string())
        return nullptr;
    auto modulus = base64url_decode(jwk["n"].get<std::string>());
    auto exponent = base64url_decode(jwk["e"].get<std::string>());
    if (!modulus || !exponent || modulus->empty() || exponent->empty())
        return nullptr;
    BigNumber n = big_number_from(*modulus);
    BigNumber e = big_number_from(*exponent);
    ParamBuilder builder(OSSL_PARAM_BLD_new());
    if (!n || !e || !builder ||
        !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) ||
        !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()))
        return nullptr;
    Params params(OSSL_PARAM_BLD_to_param(builder.get()));
    KeyContext context(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    EVP_PKEY* key = nullptr;
    if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1 ||
        EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
        return nullptr;
    return key;
}

std::string read_file(const std::filesystem::path& file) {
    std::ifstream stream(file, std::ios::binary);
    if (!stream)
        throw util::ConfigError("cannot read the tool's public key " + file.string());
    std::ostringstream text;
    text << stream.rdbuf();
    return text.str();
}

} // namespace

bool VerifyKey::verify_rs256(std::string_view signed_text, std::string_view signature) const {
    DigestContext context(EVP_MD_CTX_new());
    if (!context ||
        EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, m_impl->key.get()) != 1)
        return false;
    return EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                            signature.size(),
                            reinterpret_cast<const unsigned char*>(signed_text.data()),
                            signed_text.size()) == 1;
}

nlohmann::json VerifyKey::public_jwk() const {
    return {{"kty", "RSA"},
            {"n", base64url_encode(big_number_bytes(m_impl->key.get(), OSSL_PKEY_PARAM_RSA_N))},
            {"e", base64url_encode(big_number_bytes(m_impl->key.get(), OSSL_PKEY_PARAM_RSA_E))}};
}

std::string VerifyKey::thumbprint() const {
    // nlohmann::json orders members by name, which is exactly RFC 7638's canonical form.
    std::string canonical = public_jwk().dump();
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    EVP_Digest(canonical.data(), canonical.size(), digest.data(), &length, EVP_sha256(), nullptr);
    return base64url_encode(std::string_view(reinterpret_cast<const char*>(digest.data()), length));
}

std::vector<TrustedKey> load_trusted_keys(const std::filesystem::path& file) {
    std::string text = read_file(file);
    std::vector<TrustedKey> keys;
    if (text.find("-----BEGIN") != std::string::npos) {
        EVP_PKEY* key = decode_pem_public_key(text);
        if (!key || !EVP_PKEY_is_a(key, "RSA")) {
            EVP_PKEY_free(key);
            throw util::ConfigError(file.string() + ": not an RSA public key in PEM form");
        }
        keys.push_back({"", false, wrap(key)});
        return keys;
    }
    auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded())
        throw util::ConfigError(file.string() + ": neither a PEM key nor a JWKS");
    auto entries =
        json.is_object() && json.contains("keys") ? json["keys"] : nlohmann::json::array({json});
    for (const auto& entry : entries) {
        if (EVP_PKEY* key = key_from_jwk(entry)) {
            std::string kid = entry.contains("kid") && entry["kid"].is_string()
                                  ? entry["kid"].get<std::string>()
                                  : std::string();
            keys.push_back({kid, !kid.empty(), wrap(key)});
        }
    }
    if (keys.empty())
        throw util::ConfigError(file.string() + ": the JWKS holds no RSA key");
    return keys;
}

GeneratedKeyPair generate_key_pair() {
    EVP_PKEY* raw = EVP_RSA_gen(2048);
    if (!raw)
        throw util::ConfigError("cannot generate an RSA key pair");
    VerifyKey key = wrap(raw);
    Bio private_bio(BIO_new(BIO_s_mem()));
    Bio public_bio(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_PrivateKey(private_bio.get(), raw, nullptr, nullptr, 0, nullptr, nullptr) !=
            1 ||
        PEM_write_bio_PUBKEY(public_bio.get(), raw) != 1)
        throw util::ConfigError("cannot encode the generated key pair");

    GeneratedKeyPair pair{bio_text(private_bio.get()), bio_text(public_bio.get()), key.thumbprint(),
                          nlohmann::json::object(), TrustedKey{"", true, key}};
    pair.trusted.kid = pair.kid;
    auto jwk = key.public_jwk();
    jwk["kid"] = pair.kid;
    jwk["alg"] = "RS256";
    jwk["use"] = "sig";
    pair.jwks = {{"keys", nlohmann::json::array({jwk})}};
    return pair;
}

std::string random_token(std::size_t bytes) {
    std::string buffer(bytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(buffer.data()), static_cast<int>(bytes)) != 1)
        throw std::runtime_error("the random generator failed");
    return base64url_encode(buffer);
}

std::string base64url_encode(std::string_view data) {
    static constexpr char k_alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string text;
    text.reserve((data.size() + 2) / 3 * 4);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (unsigned char byte : data) {
        buffer = (buffer << 8) | byte;
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

std::optional<std::string> base64url_decode(std::string_view text) {
    while (!text.empty() && text.back() == '=')
        text.remove_suffix(1);
    std::string data;
    data.reserve(text.size() * 3 / 4);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        int value = c >= 'A' && c <= 'Z'   ? c - 'A'
                    : c >= 'a' && c <= 'z' ? c - 'a' + 26
                    : c >= '0' && c <= '9' ? c - '0' + 52
                    : c == '-'             ? 62
                    : c == '_'             ? 63
                                           : -1;
        if (value < 0)
            return std::nullopt;
        buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            data.push_back(static_cast<char>((buffer >> bits) & 0xff));
        }
    }
    if (text.size() % 4 == 1)
        return std::nullopt;
    return data;
}

} // namespace gradepost::sandbox
