#include "config/home.hpp"

namespace gradepost::config {

std::string expand_home(const std::string& path, const std::optional<std::string>& home) {
    if (!home || home->empty() || path.empty() || path[0] != '~')
        return path;
    if (path.size() == 1)
        return *home;
    if (path[1] != '/')
        return path; // ~user is the shell's business; a config file never needs it
    std::string base = *home;
    while (base.size() > 1 && base.back() == '/')
        base.pop_back();
    return base + path.substr(1);
}

} // namespace gradepost::config
