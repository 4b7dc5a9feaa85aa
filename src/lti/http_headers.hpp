#pragma once

#include "http/message.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gradepost::lti {

// Every value of a response header, in order (Link may come several times); names compare
// case-insensitively.
std::vector<std::string> header_values(const http::Headers& headers, std::string_view name);

// The last value of a header, or nothing.
std::optional<std::string> header_value(const http::Headers& headers, std::string_view name);

} // namespace gradepost::lti
