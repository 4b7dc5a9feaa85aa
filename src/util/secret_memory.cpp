#include "util/secret_memory.hpp"

#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

namespace gradepost::util {

bool keep_out_of_core_dumps() {
    rlimit no_core{0, 0};
    bool is_limited = ::setrlimit(RLIMIT_CORE, &no_core) == 0;
    bool is_undumpable = ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0;
    return is_limited && is_undumpable;
}

void erase_secret(std::string& secret) {
    // explicit_bzero is glibc's OPENSSL_cleanse: OpenSSL stays confined to config/.
    ::explicit_bzero(secret.data(), secret.size());
    secret.clear();
}

void erase_secret(char* c_string) {
    if (c_string)
        ::explicit_bzero(c_string, ::strlen(c_string));
}

} // namespace gradepost::util
