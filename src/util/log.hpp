#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace gradepost::util {

// Diagnostics on stderr. Verbosity: -1 quiet (errors only), 0 default (warnings),
// 1 -v (info), 2 -vv (HTTP traces). Every line passes through redact() first.
enum class LogLevel { error = -1, warning = 0, info = 1, trace = 2 };

void set_verbosity(int verbosity);
int verbosity();
bool is_enabled(LogLevel level);

// Registers a secret (token, key, assertion) so that it is masked in every log line.
void register_secret(std::string secret);

// Masks registered secrets, bearer tokens, client assertions, access_token values and
// PEM private key blocks.
std::string redact(std::string_view text);

void write_log(LogLevel level, std::string_view message);

template <typename... Args> void warn(fmt::format_string<Args...> format, Args&&... args) {
    if (is_enabled(LogLevel::warning))
        write_log(LogLevel::warning, fmt::format(format, std::forward<Args>(args)...));
}

template <typename... Args> void info(fmt::format_string<Args...> format, Args&&... args) {
    if (is_enabled(LogLevel::info))
        write_log(LogLevel::info, fmt::format(format, std::forward<Args>(args)...));
}

template <typename... Args> void trace(fmt::format_string<Args...> format, Args&&... args) {
    if (is_enabled(LogLevel::trace))
        write_log(LogLevel::trace, fmt::format(format, std::forward<Args>(args)...));
}

} // namespace gradepost::util
