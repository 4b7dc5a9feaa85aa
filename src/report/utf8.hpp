#pragma once

#include <cstddef>
#include <string_view>

namespace gradepost::report {

// U+FFFD, written in place of bytes that are not UTF-8.
inline constexpr std::string_view k_replacement = "\xEF\xBF\xBD";

// Length in bytes of the well-formed UTF-8 sequence starting at text[at] (Unicode table
// 3-7: no overlong forms, no surrogates, nothing above U+10FFFF), or 0 when it is malformed.
std::size_t utf8_length(std::string_view text, std::size_t at);

// The code point of the well-formed sequence of utf8_length() bytes at text[at].
char32_t utf8_decode(std::string_view text, std::size_t at, std::size_t length);

} // namespace gradepost::report
