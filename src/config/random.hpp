#pragma once

#include <cstddef>
#include <string>

namespace gradepost::config {

// `bytes` bytes from the system's cryptographic generator, as lowercase hex (JWT `jti`).
// Throws util::ConfigError if the generator fails.
std::string random_hex(std::size_t bytes);

} // namespace gradepost::config
