#include "report/utf8.hpp"

namespace gradepost::report {

std::size_t utf8_length(std::string_view text, std::size_t at) {
    auto byte = [&](std::size_t i) -> unsigned {
        return i < text.size() ? static_cast<unsigned char>(text[i]) : 0;
    };
    auto is_continuation = [](unsigned b, unsigned low = 0x80, unsigned high = 0xBF) {
        return b >= low && b <= high;
    };
    unsigned lead = byte(at);
    if (lead < 0x80)
        return at < text.size() ? 1 : 0;
    if (lead >= 0xC2 && lead <= 0xDF)
        return is_continuation(byte(at + 1)) ? 2 : 0;
    if (lead >= 0xE0 && lead <= 0xEF) {
        unsigned low = lead == 0xE0 ? 0xA0 : 0x80;  // no overlong forms
        unsigned high = lead == 0xED ? 0x9F : 0xBF; // no surrogates
        return is_continuation(byte(at + 1), low, high) && is_continuation(byte(at + 2)) ? 3 : 0;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        unsigned low = lead == 0xF0 ? 0x90 : 0x80;
        unsigned high = lead == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
        bool is_valid = is_continuation(byte(at + 1), low, high) && is_continuation(byte(at + 2)) &&
                        is_continuation(byte(at + 3));
        return is_valid ? 4 : 0;
    }
    return 0;
}

char32_t utf8_decode(std::string_view text, std::size_t at, std::size_t length) {
    static constexpr unsigned char k_lead_mask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    char32_t code = static_cast<unsigned char>(text[at]) & k_lead_mask[length];
    for (std::size_t i = 1; i < length; ++i)
        code = (code << 6) | (static_cast<unsigned char>(text[at + i]) & 0x3F);
    return code;
}

} // namespace gradepost::report
