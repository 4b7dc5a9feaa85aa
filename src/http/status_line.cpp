#include "http/status_line.hpp"

namespace gradepost::http {

bool is_status_line(std::string_view line) {
    return line.starts_with("HTTP/");
}

std::string reason_phrase(std::string_view status_line) {
    while (!status_line.empty() && (status_line.back() == '\r' || status_line.back() == '\n'))
        status_line.remove_suffix(1);
    // HTTP-version SP status-code SP reason-phrase; the phrase itself may contain spaces.
    auto version_end = status_line.find(' ');
    if (version_end == std::string_view::npos)
        return {};
    auto code_end = status_line.find(' ', version_end + 1);
    if (code_end == std::string_view::npos)
        return {};
    return std::string(status_line.substr(code_end + 1));
}

} // namespace gradepost::http
