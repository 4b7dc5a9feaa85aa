#include "state/sqlite.hpp"

#include <sqlite3.h>

#include <climits>
#include <string>

namespace gradepost::state::sqlite {

namespace {

// SQLite's "attempt to write a readonly database" does not say that the file, or the
// directory where its journal goes, is what needs fixing.
std::string describe_error(int code, const char* message) {
    if ((code & 0xff) == SQLITE_READONLY)
        return std::string(message) +
               " (the file or its directory is read-only: make both writable, or give another "
               "--state)";
    return message;
}

[[noreturn]] void fail(sqlite3* database, int result) {
    const char* message = database ? sqlite3_errmsg(database) : sqlite3_errstr(result);
    int code = database ? sqlite3_extended_errcode(database) : result;
    throw Error(code, describe_error(code, message));
}

int text_length(std::string_view text) {
    if (text.size() > static_cast<std::size_t>(INT_MAX))
        throw Error(SQLITE_TOOBIG, "text too long for SQLite");
    return static_cast<int>(text.size());
}

} // namespace

Statement::Statement(Statement&& other) noexcept
    : m_statement(other.m_statement), m_database(other.m_database) {
    other.m_statement = nullptr;
}

Statement::~Statement() {
    sqlite3_finalize(m_statement);
}

void Statement::check(int result) const {
    if (result != SQLITE_OK)
        fail(m_database, result);
}

Statement& Statement::bind_text(int index, std::string_view text) {
    // An empty view may have no data pointer, which SQLite would bind as NULL.
    const char* data = text.data() ? text.data() : "";
    check(sqlite3_bind_text(m_statement, index, data, text_length(text), SQLITE_TRANSIENT));
    return *this;
}

Statement& Statement::bind_integer(int index, std::int64_t value) {
    check(sqlite3_bind_int64(m_statement, index, value));
    return *this;
}

Statement& Statement::bind_real(int index, double value) {
    check(sqlite3_bind_double(m_statement, index, value));
    return *this;
}

Statement& Statement::bind_null(int index) {
    check(sqlite3_bind_null(m_statement, index));
    return *this;
}

Statement& Statement::bind_real(int index, const std::optional<double>& value) {
    return value ? bind_real(index, *value) : bind_null(index);
}

Statement& Statement::bind_integer(int index, const std::optional<std::int64_t>& value) {
    return value ? bind_integer(index, *value) : bind_null(index);
}

bool Statement::step() {
    int result = sqlite3_step(m_statement);
    if (result == SQLITE_ROW)
        return true;
    if (result == SQLITE_DONE)
        return false;
    // The statement must be reset before its next use, and the reset reports the same error.
    sqlite3_reset(m_statement);
    fail(m_database, result);
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(m_statement, column);
}

double Statement::real(int column) const {
    return sqlite3_column_double(m_statement, column);
}

std::string Statement::text(int column) const {
    const auto* bytes = sqlite3_column_text(m_statement, column);
    if (!bytes)
        return {};
    return {reinterpret_cast<const char*>(bytes),
            static_cast<std::size_t>(sqlite3_column_bytes(m_statement, column))};
}

std::optional<std::int64_t> Statement::optional_integer(int column) const {
    if (is_null(column))
        return std::nullopt;
    return integer(column);
}

std::optional<double> Statement::optional_real(int column) const {
    if (is_null(column))
        return std::nullopt;
    return real(column);
}

void Connection::Close::operator()(sqlite3* database) const {
    sqlite3_close_v2(database);
}

Connection Connection::open(const std::filesystem::path& path, Mode mode) {
    int flags = mode == Mode::read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    sqlite3* database = nullptr;
    int result = sqlite3_open_v2(path.c_str(), &database, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    Connection connection(database); // closes the handle even when opening failed
    if (result != SQLITE_OK)
        fail(database, result);
    sqlite3_extended_result_codes(database, 1);
    return connection;
}

void Connection::execute(std::string_view sql) {
    std::string text(sql);
    char* message = nullptr;
    int result = sqlite3_exec(m_database.get(), text.c_str(), nullptr, nullptr, &message);
    if (result != SQLITE_OK) {
        std::string what = message ? message : sqlite3_errstr(result);
        sqlite3_free(message);
        int code = sqlite3_extended_errcode(m_database.get());
        throw Error(code, describe_error(code, what.c_str()));
    }
}

Statement Connection::prepare(std::string_view sql) {
    sqlite3_stmt* statement = nullptr;
    int result = sqlite3_prepare_v3(m_database.get(), sql.data(), text_length(sql),
                                    SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    if (result != SQLITE_OK)
        fail(m_database.get(), result);
    return Statement(statement, m_database.get());
}

std::int64_t Connection::changes() const {
    return sqlite3_changes64(m_database.get());
}

std::int64_t Connection::last_insert_rowid() const {
    return sqlite3_last_insert_rowid(m_database.get());
}

Transaction::Transaction(Connection& connection) : m_connection(connection) {
    m_connection.execute("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
    if (!m_is_open)
        return;
    try {
        m_connection.execute("ROLLBACK");
    } catch (const Error&) {
        // SQLite already rolled back (e.g. after an I/O error); nothing else to undo.
    }
}

void Transaction::commit() {
    m_connection.execute("COMMIT");
    m_is_open = false;
}

} // namespace gradepost::state::sqlite
