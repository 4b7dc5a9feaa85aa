#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace gradepost::config {

// An RSA private key (PKCS#1 or PKCS#8 PEM). OpenSSL stays inside private_key.cpp.
// The PEM text never leaves this class except through private_pem(), for `keys generate`.
class PrivateKey {
public:
    // Throws util::ConfigError naming `origin` (a file name or "GRADEPOST_PRIVATE_KEY").
    // Non-RSA and encrypted keys are refused with a message saying so.
    static PrivateKey from_pem(std::string_view pem, std::string_view origin);
    // A new RSA key; throws util::UsageError when `bits` is below 2048 or above 16384.
    static PrivateKey generate(int bits);

    PrivateKey(PrivateKey&&) noexcept;
    PrivateKey& operator=(PrivateKey&&) noexcept;
    ~PrivateKey();

    // RSASSA-PKCS1-v1_5 with SHA-256 over `data`; the raw signature bytes.
    std::string sign_rs256(std::string_view data) const;

    std::string private_pem() const; // PKCS#8
    std::string public_pem() const;  // SubjectPublicKeyInfo
    // The public JWK {"kty","n","e","alg":"RS256","use":"sig","kid"} as JSON text.
    std::string public_jwk_json(std::string_view kid) const;
    // RFC 7638 thumbprint of the public key, base64url: the default `kid`.
    std::string thumbprint() const;
    // Where the key came from (a file name, "GRADEPOST_PRIVATE_KEY"), for messages.
    const std::string& origin() const;

private:
    struct Key;
    explicit PrivateKey(std::unique_ptr<Key> key);
    std::unique_ptr<Key> m_key;
};

// The key of a profile: GRADEPOST_PRIVATE_KEY (PEM text) first, else the key file, warning
// when that file is readable by group or others. Throws util::ConfigError.
PrivateKey load_private_key(const std::string& private_key_file,
                            const std::optional<std::string>& pem_from_environment);

// RFC 7638 thumbprint of an RSA public key given as its JWK members `e` and `n` (base64url):
// SHA-256 over {"e":"…","kty":"RSA","n":"…"}, base64url.
std::string rsa_jwk_thumbprint(std::string_view e, std::string_view n);

// base64url without padding (JWT, JWK).
std::string base64url_encode(std::string_view bytes);

} // namespace gradepost::config
