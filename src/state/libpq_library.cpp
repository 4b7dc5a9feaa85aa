#include "state/libpq_library.hpp"

#include "util/shared_library.hpp"

namespace gradepost::state::postgres {

namespace {

LibpqLibrary open_libpq_library() {
    auto library = util::SharedLibrary::open("libpq.so.5", "libpq5");
    LibpqLibrary libpq{};
    // The member's name gives the symbol's, so a member cannot be bound to another function.
#define GRADEPOST_BIND_LIBPQ(member) library.bind(libpq.member, "PQ" #member)
    GRADEPOST_BIND_LIBPQ(connectdbParams);
    GRADEPOST_BIND_LIBPQ(status);
    GRADEPOST_BIND_LIBPQ(errorMessage);
    GRADEPOST_BIND_LIBPQ(setNoticeProcessor);
    GRADEPOST_BIND_LIBPQ(finish);
    GRADEPOST_BIND_LIBPQ(exec);
    GRADEPOST_BIND_LIBPQ(execParams);
    GRADEPOST_BIND_LIBPQ(resultStatus);
    GRADEPOST_BIND_LIBPQ(ntuples);
    GRADEPOST_BIND_LIBPQ(getisnull);
    GRADEPOST_BIND_LIBPQ(getvalue);
    GRADEPOST_BIND_LIBPQ(cmdTuples);
    GRADEPOST_BIND_LIBPQ(clear);
#undef GRADEPOST_BIND_LIBPQ
    return libpq;
}

} // namespace

const LibpqLibrary& libpq_library() {
    static const LibpqLibrary libpq = open_libpq_library();
    return libpq;
}

} // namespace gradepost::state::postgres
