#include "util/log.hpp"

#include <cstdio>
#include <mutex>
#include <regex>
#include <vector>

namespace gradepost::util {

namespace {

int g_verbosity = 0;
std::mutex g_mutex;
std::vector<std::string> g_secrets;

constexpr std::string_view k_mask = "[REDACTED]";

void mask_all(std::string& text, std::string_view secret) {
    if (secret.size() < 8)
        return; // too short to be a credential; masking it would garble ordinary words
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at))
        text.replace(at, secret.size(), k_mask);
}

} // namespace

void set_verbosity(int verbosity) {
    g_verbosity = verbosity;
}
int verbosity() {
    return g_verbosity;
}
bool is_enabled(LogLevel level) {
    return static_cast<int>(level) <= g_verbosity;
}

void register_secret(std::string secret) {
    std::lock_guard lock(g_mutex);
    g_secrets.push_back(std::move(secret));
}

std::string redact(std::string_view text) {
    std::string result(text);
    {
        std::lock_guard lock(g_mutex);
        for (const auto& secret : g_secrets)
            mask_all(result, secret);
    }
    // Patterns catch secrets that were never registered (a token in a response body).
    static const std::regex patterns[] = {
        std::regex(R"((Authorization:\s*)[^\r\n]*)", std::regex::icase),
        std::regex(R"((client_assertion=)[^&\s]*)"),
        std::regex(R"(("access_token"\s*:\s*")[^"]*)"),
        std::regex(
            R"((-----BEGIN [A-Z ]*PRIVATE KEY-----)[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----)"),
    };
    for (const auto& pattern : patterns)
        result = std::regex_replace(result, pattern, "$1[REDACTED]");
    return result;
}

void write_log(LogLevel level, std::string_view message) {
    std::string_view prefix = level == LogLevel::error     ? "gradepost: error: "
                              : level == LogLevel::warning ? "gradepost: warning: "
                                                           : "gradepost: ";
    std::string line = redact(message);
    std::lock_guard lock(g_mutex);
    std::fprintf(stderr, "%.*s%s\n", static_cast<int>(prefix.size()), prefix.data(), line.c_str());
}

} // namespace gradepost::util
