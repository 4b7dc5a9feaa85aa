#include "http/message.hpp"

#include <algorithm>
#include <cctype>

namespace gradepost::http {

namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return std::ranges::equal(
        a, b, [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
}

} // namespace

std::optional<std::string> Response::header(std::string_view name) const {
    auto found = std::find_if(headers.rbegin(), headers.rend(), [&](const auto& header) {
        return equals_ignoring_case(header.first, name);
    });
    if (found == headers.rend())
        return std::nullopt;
    return found->second;
}

} // namespace gradepost::http
