#include "report/terminal.hpp"

#include "util/error.hpp"

#include <cstdlib>
#include <string>
#include <unistd.h>

namespace gradepost::report {

namespace {

bool is_set(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0';
}

} // namespace

bool is_terminal(int fd) {
    return ::isatty(fd) == 1;
}

bool use_color(std::string_view mode, int fd) {
    if (mode == "always")
        return true;
    if (mode == "never")
        return false;
    if (mode != "auto")
        throw util::UsageError("--color must be auto, always or never, not \"" + std::string(mode) +
                               "\"");
    const char* term = std::getenv("TERM");
    if (is_set("NO_COLOR") || (term != nullptr && std::string_view(term) == "dumb"))
        return false;
    return is_terminal(fd);
}

} // namespace gradepost::report
