#include "config/random.hpp"

#include "util/error.hpp"

#include <openssl/rand.h>

#include <vector>

namespace gradepost::config {

std::string random_hex(std::size_t bytes) {
    std::vector<unsigned char> buffer(bytes);
    if (RAND_bytes(buffer.data(), static_cast<int>(buffer.size())) != 1)
        throw util::ConfigError("the system's random number generator failed");
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(bytes * 2);
    for (unsigned char byte : buffer) {
        hex.push_back(k_digits[byte >> 4]);
        hex.push_back(k_digits[byte & 0x0f]);
    }
    return hex;
}

} // namespace gradepost::config
