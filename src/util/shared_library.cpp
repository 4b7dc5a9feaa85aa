#include "util/shared_library.hpp"

#include "util/error.hpp"

#include <fmt/format.h>

#include <dlfcn.h>

namespace gradepost::util {

SharedLibrary SharedLibrary::open(const std::string& soname, const std::string& package) {
    // RTLD_NOW: a missing symbol of its dependencies shows here, not in the middle of a run.
    void* handle = ::dlopen(soname.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* reason = ::dlerror();
        throw ConfigError(fmt::format("cannot load {} ({}); install the Debian package {}", soname,
                                      reason ? reason : "unknown reason", package));
    }
    return SharedLibrary(handle, soname, package);
}

void* SharedLibrary::address(const char* name) const {
    ::dlerror(); // clears an earlier error: dlsym's null alone is not one
    void* address = ::dlsym(m_handle, name);
    if (!address)
        throw ConfigError(fmt::format("{} has no {}: a newer version is needed; upgrade the "
                                      "Debian package {}",
                                      m_soname, name, m_package));
    return address;
}

} // namespace gradepost::util
