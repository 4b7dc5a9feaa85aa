#include "util/malloc_tuning.hpp"

#include <cstdlib>
#include <unistd.h>

namespace gradepost::util {

namespace {

constexpr const char* k_tunables = "glibc.malloc.hugetlb=1:glibc.malloc.top_pad=67108864";

} // namespace

void restart_with_malloc_tuning(char** argv) {
#if defined(__linux__) && defined(__GLIBC__)
    if (std::getenv("GLIBC_TUNABLES"))
        return;
    if (::setenv("GLIBC_TUNABLES", k_tunables, 1) != 0)
        return;
    ::execv("/proc/self/exe", argv);
    ::unsetenv("GLIBC_TUNABLES"); // only reached when exec failed
#else
    (void)argv;
#endif
}

} // namespace gradepost::util
