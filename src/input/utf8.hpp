#pragma once

#include <string_view>

namespace gradepost::input {

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates, nothing above
// U+10FFFF). Pure ASCII is checked first, a word at a time, because almost every field is.
bool is_valid_utf8(std::string_view text);

} // namespace gradepost::input
