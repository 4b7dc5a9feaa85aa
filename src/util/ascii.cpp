#include "util/ascii.hpp"

namespace gradepost::util {

std::string lowercase_ascii(std::string_view text) {
    std::string result(text);
    for (char& c : result)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return result;
}

} // namespace gradepost::util
