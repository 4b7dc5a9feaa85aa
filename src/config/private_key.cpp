#include "config/private_key.hpp"
#include "config/digest.hpp"

#include "config/home.hpp"
#include "config/profile.hpp"
#include "util/error.hpp"
#include "util/log.hpp"
#include "util/secret_memory.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace gradepost::config {

namespace {

constexpr int k_min_bits = 2048;
constexpr int k_max_bits = 16384;

struct BioFree {
    void operator()(BIO* bio) const { BIO_free(bio); }
};
struct BignumFree {
    void operator()(BIGNUM* number) const { BN_free(number); }
};
struct MdContextFree {
    void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
using Bio = std::unique_ptr<BIO, BioFree>;
using Bignum = std::unique_ptr<BIGNUM, BignumFree>;
using MdContext = std::unique_ptr<EVP_MD_CTX, MdContextFree>;

// OpenSSL's error queue would otherwise leak stale errors into a later, unrelated call.
[[noreturn]] void fail(const std::string& message) {
    ERR_clear_error();
    throw util::ConfigError(message);
}

// Asked for a pass phrase, say there is none: encrypted keys are refused, never prompted for.
int no_pass_phrase(char*, int, int, void*) {
    return 0;
}

// An RSA key pair from PEM (PKCS#8 or PKCS#1), asking OpenSSL's decoders for RSA alone: the
// general search that PEM_read_bio_PrivateKey makes tries every decoder of every key type,
// 15% of a `gradepost token`. Null for anything else (the caller then reads it the general
// way, to say what the key is).
EVP_PKEY* read_rsa_key(std::string_view pem) {
    EVP_PKEY* pkey = nullptr;
    OSSL_DECODER_CTX* decoder = OSSL_DECODER_CTX_new_for_pkey(&pkey, "PEM", nullptr, "RSA",
                                                              EVP_PKEY_KEYPAIR, nullptr, nullptr);
    if (!decoder)
        return nullptr;
    auto* data = reinterpret_cast<const unsigned char*>(pem.data());
    std::size_t size = pem.size();
    if (!OSSL_DECODER_from_data(decoder, &data, &size)) {
        EVP_PKEY_free(pkey);
        pkey = nullptr;
    }
    OSSL_DECODER_CTX_free(decoder);
    return pkey;
}

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

std::string read_bio(BIO* bio) {
    char* data = nullptr;
    long size = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(size));
}

// A PEM from a CI secret store often arrives with its newlines written as "\n".
std::string unescape_newlines(std::string_view pem) {
    std::string text(pem);
    if (contains(text, "\n") || !contains(text, "\\n"))
        return text;
    for (auto at = text.find("\\n"); at != std::string::npos; at = text.find("\\n", at + 1))
        text.replace(at, 2, "\n");
    return text;
}

std::string read_key_file(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file)
        fail(fmt::format("cannot read key file {}: {}", path, std::strerror(errno)));
    // Straight into one string of the file's size: a stream buffer, or a string that grows,
    // would leave copies of the key behind in freed memory.
    file.seekg(0, std::ios::end);
    auto size = static_cast<std::streamoff>(file.tellg());
    file.seekg(0, std::ios::beg);
    std::string text(static_cast<std::size_t>(std::max<std::streamoff>(size, 0)), '\0');
    file.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(file.gcount()));
    return text;
}

} // namespace

struct PrivateKey::Key {
    EVP_PKEY* pkey = nullptr;
    std::string origin;

    Key(EVP_PKEY* key, std::string_view where) : pkey(key), origin(where) {}
    ~Key() { EVP_PKEY_free(pkey); }
    Key(const Key&) = delete;
    Key& operator=(const Key&) = delete;

    std::string parameter(const char* name) const {
        BIGNUM* raw = nullptr;
        if (EVP_PKEY_get_bn_param(pkey, name, &raw) != 1)
            fail(fmt::format("{}: cannot read the RSA public key", origin));
        Bignum number(raw);
        std::string bytes(static_cast<std::size_t>(BN_num_bytes(number.get())), '\0');
        BN_bn2bin(number.get(), reinterpret_cast<unsigned char*>(bytes.data()));
        return bytes;
    }
};

PrivateKey::PrivateKey(std::unique_ptr<Key> key) : m_key(std::move(key)) {}
PrivateKey::PrivateKey(PrivateKey&&) noexcept = default;
PrivateKey& PrivateKey::operator=(PrivateKey&&) noexcept = default;
PrivateKey::~PrivateKey() = default;

PrivateKey PrivateKey::from_pem(std::string_view pem, std::string_view origin) {
    // Recognise what OpenSSL would only call "no start line", to say what to do instead.
    if (contains(pem, "ENCRYPTED PRIVATE KEY") || contains(pem, "Proc-Type: 4,ENCRYPTED"))
        fail(fmt::format("{}: the private key is encrypted with a pass phrase; gradepost needs "
                         "an unencrypted key file with mode 0600 (openssl pkey -in KEY -out "
                         "PLAIN.pem)",
                         origin));
    if (!contains(pem, "PRIVATE KEY-----")) {
        if (contains(pem, "PUBLIC KEY-----") || contains(pem, "CERTIFICATE-----"))
            fail(fmt::format("{}: holds a public key or certificate, not the tool's private key",
                             origin));
        fail(fmt::format("{}: not a PEM private key (expected -----BEGIN PRIVATE KEY----- or "
                         "-----BEGIN RSA PRIVATE KEY-----)",
                         origin));
    }

    EVP_PKEY* pkey = read_rsa_key(pem);
    if (!pkey) {
        Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
        if (!bio)
            fail("out of memory reading a private key");
        pkey = PEM_read_bio_PrivateKey(bio.get(), nullptr, no_pass_phrase, nullptr);
    }
    if (!pkey)
        fail(fmt::format("{}: the private key cannot be read (damaged PEM?)", origin));
    auto key = std::make_unique<Key>(pkey, origin);
    if (!EVP_PKEY_is_a(pkey, "RSA"))
        fail(fmt::format("{}: a {} key, but LTI 1.3 signs with RS256: an RSA key is needed "
                         "(gradepost keys generate makes one)",
                         origin, EVP_PKEY_get0_type_name(pkey)));
    if (int bits = EVP_PKEY_get_bits(pkey); bits < k_min_bits)
        util::warn("{}: a {}-bit RSA key is weak and platforms may refuse it; use {} bits or "
                   "more",
                   origin, bits, k_min_bits);
    ERR_clear_error();
    return PrivateKey(std::move(key));
}

PrivateKey PrivateKey::generate(int bits) {
    if (bits < k_min_bits || bits > k_max_bits)
        throw util::UsageError(fmt::format("an RSA key of {} bits: use between {} and {} bits",
                                           bits, k_min_bits, k_max_bits));
    EVP_PKEY* pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(bits));
    if (!pkey)
        fail(fmt::format("cannot generate a {}-bit RSA key", bits));
    return PrivateKey(std::make_unique<Key>(pkey, "generated key"));
}

std::string PrivateKey::sign_rs256(std::string_view data) const {
    MdContext context(EVP_MD_CTX_new());
    if (!context ||
        EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, m_key->pkey) != 1)
        fail(fmt::format("{}: cannot sign with this key", m_key->origin));
    auto input = reinterpret_cast<const unsigned char*>(data.data());
    std::size_t size = 0;
    if (EVP_DigestSign(context.get(), nullptr, &size, input, data.size()) != 1)
        fail(fmt::format("{}: cannot sign with this key", m_key->origin));
    std::string signature(size, '\0');
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                       input, data.size()) != 1)
        fail(fmt::format("{}: cannot sign with this key", m_key->origin));
    signature.resize(size);
    return signature;
}

std::string PrivateKey::private_pem() const {
    Bio bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), m_key->pkey, nullptr, nullptr, 0, nullptr,
                                         nullptr) != 1)
        fail("cannot write the private key as PEM");
    return read_bio(bio.get());
}

std::string PrivateKey::public_pem() const {
    Bio bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), m_key->pkey) != 1)
        fail("cannot write the public key as PEM");
    return read_bio(bio.get());
}

std::string PrivateKey::public_jwk_json(std::string_view kid) const {
    nlohmann::ordered_json jwk;
    jwk["kty"] = "RSA";
    jwk["e"] = base64url_encode(m_key->parameter(OSSL_PKEY_PARAM_RSA_E));
    jwk["n"] = base64url_encode(m_key->parameter(OSSL_PKEY_PARAM_RSA_N));
    jwk["alg"] = "RS256";
    jwk["use"] = "sig";
    jwk["kid"] = kid;
    return jwk.dump();
}

std::string PrivateKey::thumbprint() const {
    return rsa_jwk_thumbprint(base64url_encode(m_key->parameter(OSSL_PKEY_PARAM_RSA_E)),
                              base64url_encode(m_key->parameter(OSSL_PKEY_PARAM_RSA_N)));
}

const std::string& PrivateKey::origin() const {
    return m_key->origin;
}

PrivateKey load_private_key(const std::string& private_key_file,
                            const std::optional<std::string>& pem_from_environment) {
    if (pem_from_environment && !pem_from_environment->empty()) {
        std::string pem = unescape_newlines(*pem_from_environment);
        try {
            PrivateKey key = PrivateKey::from_pem(pem, "GRADEPOST_PRIVATE_KEY");
            util::erase_secret(pem);
            return key;
        } catch (...) {
            util::erase_secret(pem);
            throw;
        }
    }
    if (private_key_file.empty())
        throw util::ConfigError("no private key: give --key-file, set private_key_file in the "
                                "profile, or set GRADEPOST_PRIVATE_KEY");

    std::string path = expand_home(private_key_file, process_environment("HOME"));
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0)
        fail(fmt::format("cannot read key file {}: {}", path, std::strerror(errno)));
    if (S_ISDIR(status.st_mode))
        fail(fmt::format("key file {} is a directory", path));
    if ((status.st_mode & 077) != 0)
        util::warn("key file {} is readable by others (mode {:04o}); chmod 600 {}", path,
                   status.st_mode & 07777, path);

    std::string pem = read_key_file(path);
    try {
        PrivateKey key = PrivateKey::from_pem(pem, path);
        util::erase_secret(pem);
        return key;
    } catch (...) {
        util::erase_secret(pem);
        throw;
    }
}

std::string rsa_jwk_thumbprint(std::string_view e, std::string_view n) {
    // The required members only, in lexical order, no whitespace; base64url needs no escaping.
    std::string canonical = fmt::format(R"({{"e":"{}","kty":"RSA","n":"{}"}})", e, n);
    return base64url_encode(sha256(canonical));
}

std::string base64url_encode(std::string_view bytes) {
    std::string encoded(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    int size = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                               reinterpret_cast<const unsigned char*>(bytes.data()),
                               static_cast<int>(bytes.size()));
    encoded.resize(static_cast<std::size_t>(size));
    while (!encoded.empty() && encoded.back() == '=')
        encoded.pop_back();
    for (char& c : encoded) {
        if (c == '+')
            c = '-';
        else if (c == '/')
            c = '_';
    }
    return encoded;
}

} // namespace gradepost::config
