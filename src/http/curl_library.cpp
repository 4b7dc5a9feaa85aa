#include "http/curl_library.hpp"

#include "util/shared_library.hpp"

namespace gradepost::http {

namespace {

CurlLibrary open_curl_library() {
    auto library = util::SharedLibrary::open("libcurl.so.4", "libcurl4");
    CurlLibrary curl{};
    // The member's name gives the symbol's, so a member cannot be bound to another function.
#define GRADEPOST_BIND_CURL(member) library.bind(curl.member, "curl_" #member)
    GRADEPOST_BIND_CURL(global_init);
    GRADEPOST_BIND_CURL(global_cleanup);
    GRADEPOST_BIND_CURL(easy_init);
    GRADEPOST_BIND_CURL(easy_reset);
    GRADEPOST_BIND_CURL(easy_cleanup);
    GRADEPOST_BIND_CURL(easy_setopt);
    GRADEPOST_BIND_CURL(easy_getinfo);
    GRADEPOST_BIND_CURL(easy_strerror);
    GRADEPOST_BIND_CURL(multi_init);
    GRADEPOST_BIND_CURL(multi_cleanup);
    GRADEPOST_BIND_CURL(multi_setopt);
    GRADEPOST_BIND_CURL(multi_add_handle);
    GRADEPOST_BIND_CURL(multi_remove_handle);
    GRADEPOST_BIND_CURL(multi_perform);
    GRADEPOST_BIND_CURL(multi_poll);
    GRADEPOST_BIND_CURL(multi_info_read);
    GRADEPOST_BIND_CURL(multi_strerror);
    GRADEPOST_BIND_CURL(share_init);
    GRADEPOST_BIND_CURL(share_cleanup);
    GRADEPOST_BIND_CURL(share_setopt);
    GRADEPOST_BIND_CURL(slist_append);
    GRADEPOST_BIND_CURL(slist_free_all);
#undef GRADEPOST_BIND_CURL
    return curl;
}

} // namespace

const CurlLibrary& curl_library() {
    static const CurlLibrary curl = open_curl_library();
    return curl;
}

} // namespace gradepost::http
