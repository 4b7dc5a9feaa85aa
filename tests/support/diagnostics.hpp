#pragma once

#include "input/read_attempts.hpp"

#include <string>
#include <vector>

namespace gradepost::testing {

// The errors of a read as a user reads them ("quiz.csv:7: ..."), in order.
inline std::vector<std::string> messages(const input::ReadResult& result) {
    std::vector<std::string> lines;
    for (const auto& error : result.errors)
        lines.push_back(input::format_diagnostic(error));
    return lines;
}

} // namespace gradepost::testing
