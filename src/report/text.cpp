#include "report/text.hpp"
#include "report/utf8.hpp"

#include <array>
#include <utility>

namespace gradepost::report {

namespace {

constexpr char32_t k_invalid = 0xFFFFFFFF;

// Decodes one code point at text[at], advancing at; k_invalid (and one byte) when malformed.
char32_t decode(std::string_view text, std::size_t& at) {
    std::size_t length = utf8_length(text, at);
    if (length == 0) {
        ++at;
        return k_invalid;
    }
    char32_t code = utf8_decode(text, at, length);
    at += length;
    return code;
}

// Length of an SGR sequence (ESC [ digits/semicolons m) starting at text[at], or 0.
std::size_t sgr_length(std::string_view text, std::size_t at) {
    if (text.compare(at, 2, "\x1b[") != 0)
        return 0;
    for (std::size_t i = at + 2; i < text.size(); ++i) {
        char c = text[i];
        if (c == 'm')
            return i + 1 - at;
        if (!((c >= '0' && c <= '9') || c == ';'))
            return 0;
    }
    return 0;
}

bool in_ranges(char32_t code, const auto& ranges) {
    for (const auto& [first, last] : ranges)
        if (code >= first && code <= last)
            return true;
    return false;
}

// The common zero-width marks; a full Unicode table is more than names in a gradebook need.
constexpr std::array<std::pair<char32_t, char32_t>, 9> k_zero_width{{
    {0x0300, 0x036F}, // combining diacritical marks
    {0x0483, 0x0489},
    {0x0591, 0x05BD},
    {0x0610, 0x061A},
    {0x064B, 0x065F},
    {0x200B, 0x200F}, // zero-width space, joiners, direction marks
    {0x20D0, 0x20FF},
    {0xFE00, 0xFE0F}, // variation selectors
    {0xFE20, 0xFE2F},
}};

// East Asian Wide and Fullwidth blocks (UAX #11), plus emoji.
constexpr std::array<std::pair<char32_t, char32_t>, 14> k_wide{{
    {0x1100, 0x115F}, // Hangul Jamo
    {0x2E80, 0x303E}, // CJK radicals, punctuation
    {0x3041, 0x33FF}, // kana, CJK symbols
    {0x3400, 0x4DBF}, // CJK extension A
    {0x4E00, 0x9FFF}, // CJK unified ideographs
    {0xA000, 0xA4CF}, // Yi
    {0xAC00, 0xD7A3}, // Hangul syllables
    {0xF900, 0xFAFF}, // CJK compatibility ideographs
    {0xFE30, 0xFE4F}, // CJK compatibility forms
    {0xFF00, 0xFF60}, // fullwidth forms
    {0xFFE0, 0xFFE6},
    {0x1F300, 0x1F64F}, // emoji
    {0x1F900, 0x1F9FF},
    {0x20000, 0x3FFFD}, // CJK extensions B and beyond
}};

std::size_t code_point_width(char32_t code) {
    if (code == k_invalid)
        return 1;
    if (code < 0x20 || (code >= 0x7F && code < 0xA0))
        return 0;
    if (in_ranges(code, k_zero_width))
        return 0;
    return in_ranges(code, k_wide) ? 2 : 1;
}

// Printable ASCII needs no decoding: the common case, and the fast one.
bool is_printable_ascii(std::string_view text) {
    for (char c : text)
        if (c < 0x20 || c > 0x7E)
            return false;
    return true;
}

bool is_control(char32_t code) {
    return code < 0x20 || (code >= 0x7F && code < 0xA0);
}

// Digits with at most one decimal point, optionally negative; advances at past it.
bool skip_decimal(std::string_view text, std::size_t& at) {
    if (at < text.size() && text[at] == '-')
        ++at;
    std::size_t digits = 0;
    bool has_point = false;
    for (; at < text.size(); ++at) {
        if (text[at] >= '0' && text[at] <= '9')
            ++digits;
        else if (text[at] == '.' && !has_point)
            has_point = true;
        else
            break;
    }
    return digits > 0;
}

} // namespace

std::size_t display_width(std::string_view text) {
    if (is_printable_ascii(text))
        return text.size();
    std::size_t width = 0;
    for (std::size_t at = 0; at < text.size();) {
        if (std::size_t sgr = sgr_length(text, at)) {
            at += sgr;
            continue;
        }
        width += code_point_width(decode(text, at));
    }
    return width;
}

std::string sanitize_cell(std::string_view text, bool keep_color) {
    if (is_printable_ascii(text))
        return std::string(text);
    std::string result;
    result.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        if (std::size_t sgr = sgr_length(text, at)) {
            if (keep_color)
                result.append(text.substr(at, sgr));
            at += sgr;
            continue;
        }
        std::size_t start = at;
        char32_t code = decode(text, at);
        if (code == '\t' || code == '\n' || code == '\r')
            result.push_back(' ');
        else if (code == k_invalid || is_control(code))
            result.append(k_replacement);
        else
            result.append(text.substr(start, at - start));
    }
    return result;
}

bool is_numeric_cell(std::string_view text) {
    std::size_t at = 0;
    if (!skip_decimal(text, at))
        return false;
    if (at == text.size())
        return true;
    if (text.substr(at) == "%")
        return true;
    if (text.compare(at, 3, " / ") != 0)
        return false;
    at += 3;
    return skip_decimal(text, at) && at == text.size();
}

} // namespace gradepost::report
