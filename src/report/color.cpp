#include "report/color.hpp"

namespace gradepost::report {

namespace {

std::string_view escape(Color color) {
    switch (color) {
    case Color::bold:
        return "\x1b[1m";
    case Color::dim:
        return "\x1b[2m";
    case Color::red:
        return "\x1b[31m";
    case Color::green:
        return "\x1b[32m";
    }
    return "";
}

constexpr std::string_view k_reset = "\x1b[0m";

} // namespace

std::string paint(std::string_view text, Color color, bool is_enabled) {
    if (!is_enabled || text.empty())
        return std::string(text);
    std::string result(escape(color));
    result.append(text);
    result.append(k_reset);
    return result;
}

} // namespace gradepost::report
