#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

// RAII over the SQLite C API. sqlite.cpp is the only file that includes sqlite3.h; the ledger
// holds every SQL statement.

struct sqlite3;
struct sqlite3_stmt;

namespace gradepost::state::sqlite {

// A failed SQLite call, with the library's message and extended result code.
class Error : public std::runtime_error {
public:
    Error(int code, const std::string& message) : std::runtime_error(message), m_code(code) {}
    int code() const { return m_code; }

private:
    int m_code;
};

// A prepared statement, reused by resetting it. Indices are 1-based for bind, 0-based for
// columns, as in SQLite.
class Statement {
public:
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    ~Statement();

    Statement& bind_text(int index, std::string_view text);
    Statement& bind_integer(int index, std::int64_t value);
    Statement& bind_real(int index, double value);
    Statement& bind_null(int index);
    Statement& bind_real(int index, const std::optional<double>& value);
    Statement& bind_integer(int index, const std::optional<std::int64_t>& value);

    // Steps once: true when a row is ready to read, false when done. Throws Error.
    bool step();
    // Steps a statement that returns no rows to its end, then resets it for the next use.
    void run();
    void reset();

    bool is_null(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::optional<std::int64_t> optional_integer(int column) const;
    std::optional<double> optional_real(int column) const;

private:
    friend class Connection;
    Statement(sqlite3_stmt* statement, sqlite3* database)
        : m_statement(statement), m_database(database) {}
    void check(int result) const;

    sqlite3_stmt* m_statement;
    sqlite3* m_database; // for error messages
};

class Connection {
public:
    enum class Mode { read_write, read_only };

    // Opens an existing file (read_write does not create it either: the caller creates it
    // with the right mode first). Throws Error.
    static Connection open(const std::filesystem::path& path, Mode mode);

    // Runs one or more statements that return no rows.
    void execute(std::string_view sql);
    Statement prepare(std::string_view sql);
    std::int64_t changes() const;
    std::int64_t last_insert_rowid() const;

private:
    struct Close {
        void operator()(sqlite3* database) const;
    };
    explicit Connection(sqlite3* database) : m_database(database) {}
    std::unique_ptr<sqlite3, Close> m_database;
};

// BEGIN IMMEDIATE (the write lock is taken at once, so the busy timeout applies here and not
// halfway through); rolled back on destruction unless committed.
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

} // namespace gradepost::state::sqlite
