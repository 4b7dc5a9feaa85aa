#pragma once

#include <string>
#include <utility>

namespace gradepost::util {

// A shared library opened at run time (dlopen) instead of linked: a command that never needs
// it does not pay for loading it and its own dependencies at start-up. Never closed: its
// functions may run until exit (libcurl's global clean-up runs in a static destructor).
class SharedLibrary {
public:
    // Opens `soname` (e.g. "libcurl.so.4"). When it cannot be loaded, throws ConfigError (exit
    // 3: the machine's installation needs fixing, retrying will not help) naming the library
    // and `package`, the Debian package that installs it.
    static SharedLibrary open(const std::string& soname, const std::string& package);

    // Sets `function` to the library's `name`; throws ConfigError when the library lacks it
    // (a version too old). The pointer's type comes from the library's own header.
    template <class Function> void bind(Function*& function, const char* name) const {
        function = reinterpret_cast<Function*>(address(name));
    }

private:
    SharedLibrary(void* handle, std::string soname, std::string package)
        : m_handle(handle), m_soname(std::move(soname)), m_package(std::move(package)) {}
    void* address(const char* name) const;

    void* m_handle;
    std::string m_soname;
    std::string m_package;
};

} // namespace gradepost::util
