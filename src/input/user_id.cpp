#include "input/user_id.hpp"

#include "input/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>

namespace gradepost::input {

namespace {

struct NamedRange {
    char32_t first;
    char32_t last;
    std::string_view name;
};

// Characters an id may not hold, ascending. Unicode 15's category Cf whole, the spaces of
// category Zs but U+0020, the line and paragraph separators, and the C1 controls (the ASCII
// ones are checked before). Names for the ones seen in pasted ids.
constexpr std::array<NamedRange, 38> k_refused{{
    {0x0080, 0x009F, "control character"},
    {0x00A0, 0x00A0, "no-break space"},
    {0x00AD, 0x00AD, "soft hyphen"},
    {0x0600, 0x0605, "format character"},
    {0x061C, 0x061C, "Arabic letter mark"},
    {0x06DD, 0x06DD, "format character"},
    {0x070F, 0x070F, "format character"},
    {0x0890, 0x0891, "format character"},
    {0x08E2, 0x08E2, "format character"},
    {0x1680, 0x1680, "Ogham space mark"},
    {0x180E, 0x180E, "Mongolian vowel separator"},
    {0x2000, 0x2006, "space character"},
    {0x2007, 0x2007, "figure space"},
    {0x2008, 0x200A, "space character"},
    {0x200B, 0x200B, "zero-width space"},
    {0x200C, 0x200C, "zero-width non-joiner"},
    {0x200D, 0x200D, "zero-width joiner"},
    {0x200E, 0x200E, "left-to-right mark"},
    {0x200F, 0x200F, "right-to-left mark"},
    {0x2028, 0x2028, "line separator"},
    {0x2029, 0x2029, "paragraph separator"},
    {0x202A, 0x202E, "bidirectional control"},
    {0x202F, 0x202F, "narrow no-break space"},
    {0x205F, 0x205F, "medium mathematical space"},
    {0x2060, 0x2060, "word joiner"},
    {0x2061, 0x2064, "invisible operator"},
    {0x2066, 0x2069, "bidirectional isolate"},
    {0x206A, 0x206F, "format character"},
    {0x3000, 0x3000, "ideographic space"},
    {0xFEFF, 0xFEFF, "zero-width no-break space (byte order mark)"},
    {0xFFF9, 0xFFFB, "interlinear annotation"},
    {0x110BD, 0x110BD, "format character"},
    {0x110CD, 0x110CD, "format character"},
    {0x13430, 0x1343F, "format character"},
    {0x1BCA0, 0x1BCA3, "format character"},
    {0x1D173, 0x1D17A, "format character"},
    {0xE0001, 0xE0001, "language tag"},
    {0xE0020, 0xE007F, "tag character"},
}};

std::optional<std::string_view> refused_name(char32_t code_point) {
    if (code_point < 0x20 || code_point == 0x7F)
        return "control character";
    if (code_point < 0x80)
        return std::nullopt;
    auto found = std::upper_bound(
        k_refused.begin(), k_refused.end(), code_point,
        [](char32_t value, const NamedRange& range) { return value < range.first; });
    if (found == k_refused.begin())
        return std::nullopt;
    --found;
    if (code_point <= found->last)
        return found->name;
    return std::nullopt;
}

// The code point at `offset` of valid UTF-8, and its length in bytes.
std::pair<char32_t, std::size_t> decode(std::string_view text, std::size_t offset) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[offset + i]); };
    unsigned char lead = byte(0);
    if (lead < 0x80)
        return {lead, 1};
    if (lead < 0xE0 && offset + 1 < text.size())
        return {static_cast<char32_t>(((lead & 0x1F) << 6) | (byte(1) & 0x3F)), 2};
    if (lead < 0xF0 && offset + 2 < text.size())
        return {static_cast<char32_t>(((lead & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) |
                                      (byte(2) & 0x3F)),
                3};
    if (offset + 3 < text.size())
        return {static_cast<char32_t>(((lead & 0x07) << 18) | ((byte(1) & 0x3F) << 12) |
                                      ((byte(2) & 0x3F) << 6) | (byte(3) & 0x3F)),
                4};
    return {0xFFFD, 1};
}

// The id for a message, each refused character written as <U+200B> so that none of them
// reaches the terminal (a bidi control would reorder the line it is printed on).
std::string shown_id(std::string_view id) {
    std::string shown;
    for (std::size_t i = 0; i < id.size();) {
        auto [code_point, length] = decode(id, i);
        if (refused_name(code_point))
            shown += fmt::format("<U+{:04X}>", static_cast<std::uint32_t>(code_point));
        else
            shown.append(id.substr(i, length));
        i += length;
    }
    return quoted_text(shown);
}

} // namespace

std::optional<UserIdProblem> user_id_problem(std::string_view id) {
    if (id.size() > k_longest_user_id)
        return UserIdProblem{0, fmt::format("user id {} is {} bytes long; at most {} are allowed",
                                            shown_id(id), id.size(), k_longest_user_id)};
    for (std::size_t i = 0; i < id.size();) {
        auto byte = static_cast<unsigned char>(id[i]);
        if (byte >= 0x20 && byte < 0x7F) { // ASCII, almost every id
            ++i;
            continue;
        }
        auto [code_point, length] = decode(id, i);
        if (auto name = refused_name(code_point))
            return UserIdProblem{
                i, fmt::format("user id {} holds U+{:04X} {}; ids may not hold invisible or "
                               "look-alike characters (retype the id or copy it from the LMS)",
                               shown_id(id), static_cast<std::uint32_t>(code_point), *name)};
        i += length;
    }
    return std::nullopt;
}

} // namespace gradepost::input
