#pragma once

#include <string>
#include <string_view>

namespace gradepost::config {

// SHA-256 of `data`: the 32 raw bytes (key thumbprints), or 64 lowercase hex digits (plan
// digests). OpenSSL stays inside config/.
std::string sha256(std::string_view data);
std::string sha256_hex(std::string_view data);

} // namespace gradepost::config
