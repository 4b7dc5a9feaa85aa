#pragma once

#include <curl/curl.h>

namespace gradepost::http {

// The libcurl functions gradepost calls, opened from libcurl.so.4 on first use rather than
// linked: libcurl and its dependencies (GnuTLS, Kerberos, LDAP, SSH...) would otherwise be
// loaded by every command, doubling the start-up of `gradepost --version`. Each pointer's type
// is the function's own from curl.h, so a mismatch does not compile. Member names drop the
// curl_ prefix: curl_easy_setopt and curl_easy_getinfo are also macros (type checks under GCC)
// that would expand in `library.curl_easy_setopt(...)`; calls through the pointers are not
// type-checked, so their variadic arguments must be what curl.h documents (long, pointer,
// curl_off_t).
struct CurlLibrary {
    decltype(&::curl_global_init) global_init;
    decltype(&::curl_global_cleanup) global_cleanup;
    decltype(&::curl_easy_init) easy_init;
    decltype(&::curl_easy_reset) easy_reset;
    decltype(&::curl_easy_cleanup) easy_cleanup;
    decltype(&::curl_easy_setopt) easy_setopt;
    decltype(&::curl_easy_getinfo) easy_getinfo;
    decltype(&::curl_easy_strerror) easy_strerror;
    decltype(&::curl_multi_init) multi_init;
    decltype(&::curl_multi_cleanup) multi_cleanup;
    decltype(&::curl_multi_setopt) multi_setopt;
    decltype(&::curl_multi_add_handle) multi_add_handle;
    decltype(&::curl_multi_remove_handle) multi_remove_handle;
    decltype(&::curl_multi_perform) multi_perform;
    decltype(&::curl_multi_poll) multi_poll;
    decltype(&::curl_multi_info_read) multi_info_read;
    decltype(&::curl_multi_strerror) multi_strerror;
    decltype(&::curl_share_init) share_init;
    decltype(&::curl_share_cleanup) share_cleanup;
    decltype(&::curl_share_setopt) share_setopt;
    decltype(&::curl_slist_append) slist_append;
    decltype(&::curl_slist_free_all) slist_free_all;
};

// Opens libcurl on the first call (thread-safe) and returns the same functions afterwards.
// Throws util::ConfigError naming libcurl.so.4 and the package libcurl4 when it is missing.
const CurlLibrary& curl_library();

} // namespace gradepost::http
