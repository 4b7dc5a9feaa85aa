#pragma once

#include <libpq-fe.h>

namespace gradepost::state::postgres {

// The libpq functions gradepost calls, opened from libpq.so.5 when the first PostgreSQL ledger
// is opened rather than linked: libpq and its dependencies (Kerberos, LDAP, GnuTLS...) would
// otherwise be loaded by every command, SQLite ledgers included. Each pointer's type is the
// function's own from libpq-fe.h, so a mismatch does not compile; names drop the PQ prefix.
struct LibpqLibrary {
    decltype(&::PQconnectdbParams) connectdbParams;
    decltype(&::PQstatus) status;
    decltype(&::PQerrorMessage) errorMessage;
    decltype(&::PQsetNoticeProcessor) setNoticeProcessor;
    decltype(&::PQfinish) finish;
    decltype(&::PQexec) exec;
    decltype(&::PQexecParams) execParams;
    decltype(&::PQresultStatus) resultStatus;
    decltype(&::PQntuples) ntuples;
    decltype(&::PQgetisnull) getisnull;
    decltype(&::PQgetvalue) getvalue;
    decltype(&::PQcmdTuples) cmdTuples;
    decltype(&::PQclear) clear;
};

// Opens libpq on the first call (thread-safe) and returns the same functions afterwards.
// Throws util::ConfigError naming libpq.so.5 and the package libpq5 when it is missing.
const LibpqLibrary& libpq_library();

} // namespace gradepost::state::postgres
