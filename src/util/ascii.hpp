#pragma once

#include <string>
#include <string_view>

namespace gradepost::util {

// `text` with A-Z lowered, whatever the locale: for protocol tokens (header values, link
// relations, OAuth error codes, platform names), never for people's names.
std::string lowercase_ascii(std::string_view text);

} // namespace gradepost::util
