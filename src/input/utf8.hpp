#pragma once

#include <string>
#include <string_view>

namespace gradepost::input {

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates, nothing above
// U+10FFFF). Pure ASCII is checked first, a word at a time, because almost every field is.
bool is_valid_utf8(std::string_view text);

// A message that quotes raw input (a Latin-1 header, the bytes a JSON parser stopped at) must
// stay UTF-8: when `text` is not, every byte above 0x7F becomes '?'. False when it had to.
bool make_valid_utf8(std::string& text);

} // namespace gradepost::input
