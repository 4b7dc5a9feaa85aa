#include "input/text.hpp"

namespace gradepost::input {

namespace {

constexpr std::size_t k_longest_quoted = 60;

// Control characters written as escapes: a value holding ESC or NUL must not reach the
// terminal the message is printed on.
void append_printable(std::string& out, std::string_view text) {
    constexpr char k_hex[] = "0123456789abcdef";
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte != 0x7F)
            out += c;
        else if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c == '\t')
            out += "\\t";
        else
            out.append({'\\', 'x', k_hex[byte >> 4], k_hex[byte & 0xF]});
    }
}

} // namespace

char to_lower_ascii(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equals_ignoring_case(std::string_view left, std::string_view right) {
    if (left.size() != right.size())
        return false;
    for (std::size_t i = 0; i < left.size(); ++i)
        if (to_lower_ascii(left[i]) != to_lower_ascii(right[i]))
            return false;
    return true;
}

std::string normalize_name(std::string_view name) {
    std::string normalized;
    normalized.reserve(name.size());
    for (char c : name)
        if (c != ' ' && c != '\t' && c != '_' && c != '-')
            normalized += to_lower_ascii(c);
    return normalized;
}

std::string quoted_text(std::string_view text) {
    std::string result = "\"";
    if (text.size() <= k_longest_quoted) {
        append_printable(result, text);
    } else {
        // Cut on a UTF-8 character boundary so the message stays valid UTF-8.
        std::size_t cut = k_longest_quoted;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
            --cut;
        append_printable(result, text.substr(0, cut));
        result += "...";
    }
    result += '"';
    return result;
}

} // namespace gradepost::input
