#include "config/digest.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace gradepost::config {

std::string sha256(std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256 failed");
    return std::string(reinterpret_cast<const char*>(digest), size);
}

std::string sha256_hex(std::string_view data) {
    constexpr char k_hex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned char byte : sha256(data)) {
        hex += k_hex[byte >> 4];
        hex += k_hex[byte & 0xF];
    }
    return hex;
}

} // namespace gradepost::config
