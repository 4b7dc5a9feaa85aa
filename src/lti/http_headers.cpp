#include "lti/http_headers.hpp"

#include <strings.h>

namespace gradepost::lti {

namespace {

bool same_name(std::string_view a, std::string_view b) {
    return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace

std::vector<std::string> header_values(const http::Headers& headers, std::string_view name) {
    std::vector<std::string> values;
    for (const auto& [header, value] : headers)
        if (same_name(header, name))
            values.push_back(value);
    return values;
}

std::optional<std::string> header_value(const http::Headers& headers, std::string_view name) {
    auto values = header_values(headers, name);
    if (values.empty())
        return std::nullopt;
    return values.back();
}

} // namespace gradepost::lti
