#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

// RAII over libpq, opened on first use (libpq_library.hpp). postgres.cpp and libpq_library are
// the only files that include libpq-fe.h; the PostgreSQL ledger holds every SQL statement.

struct pg_conn;
struct pg_result;

namespace gradepost::state::postgres {

// A failed libpq call, with the server's or the library's message (never the password).
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// One parameter of a query: text, or SQL NULL.
using Parameter = std::optional<std::string>;

// The rows of a query; columns 0-based, values as text.
class Result {
public:
    Result(Result&& other) noexcept;
    Result& operator=(Result&&) = delete;
    ~Result();

    int rows() const;
    bool is_null(int row, int column) const;
    std::string text(int row, int column) const;
    std::int64_t integer(int row, int column) const;
    std::optional<std::int64_t> optional_integer(int row, int column) const;
    std::optional<double> optional_real(int row, int column) const;
    // Rows changed by INSERT, UPDATE or DELETE.
    std::int64_t changes() const;

private:
    friend class Connection;
    explicit Result(pg_result* result) : m_result(result) {}
    pg_result* m_result;
};

class Connection {
public:
    // Connects to a postgresql:// URL; the application name tells `pg_stat_activity` (and a
    // waiting run) who holds the connection. Throws Error.
    static Connection open(const std::string& url, const std::string& application_name);

    // Runs a query with $1... parameters sent apart from the text, or a script of several
    // statements without parameters. Throws Error.
    Result execute(std::string_view sql, const std::vector<Parameter>& parameters = {});

private:
    struct Close {
        void operator()(pg_conn* connection) const;
    };
    explicit Connection(pg_conn* connection) : m_connection(connection) {}
    std::unique_ptr<pg_conn, Close> m_connection;
};

// BEGIN ... COMMIT, rolled back on destruction unless committed.
class Transaction {
public:
    explicit Transaction(Connection& connection);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

private:
    Connection& m_connection;
    bool m_is_open = true;
};

// True for postgresql:// and postgres:// locations.
bool is_url(std::string_view location);

// "gradepost pid N on HOST": the application name of this process's sessions, which a
// waiting run reads from pg_stat_activity to name the holder of a lock.
std::string session_name();

// The URL without its password, for messages.
std::string redacted(std::string_view url);

} // namespace gradepost::state::postgres
