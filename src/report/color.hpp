#pragma once

// ANSI SGR colours, applied only when a Style asks for them.

#include <string>
#include <string_view>

namespace gradepost::report {

enum class Color { bold, dim, red, green };

// The text wrapped in the colour's escape sequence and a reset, or the text as is.
std::string paint(std::string_view text, Color color, bool is_enabled);

} // namespace gradepost::report
