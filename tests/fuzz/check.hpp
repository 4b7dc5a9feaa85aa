#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace gradepost::fuzz {

// A property every input must keep. A violation aborts, so libFuzzer saves the input as a
// crash just as it does for a sanitizer report.
inline void check(bool holds, std::string_view property) {
    if (holds)
        return;
    std::fprintf(stderr, "fuzz property violated: %.*s\n", static_cast<int>(property.size()),
                 property.data());
    std::abort();
}

inline std::string_view as_text(const unsigned char* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

} // namespace gradepost::fuzz
