#include "state/postgres.hpp"

#include "state/libpq_library.hpp"

#include <libpq-fe.h>

#include <fmt/format.h>

#include <unistd.h>

#include <charconv>
#include <climits>
#include <cstdlib>

namespace gradepost::state::postgres {

namespace {

// libpq's messages end with a newline; ours are one line.
std::string trimmed(const char* message) {
    std::string text = message ? message : "";
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    for (auto& character : text)
        if (character == '\n')
            character = ' ';
    return text;
}

} // namespace

Result::Result(Result&& other) noexcept : m_result(other.m_result) {
    other.m_result = nullptr;
}

Result::~Result() {
    if (m_result)
        libpq_library().clear(m_result);
}

int Result::rows() const {
    return libpq_library().ntuples(m_result);
}

bool Result::is_null(int row, int column) const {
    return libpq_library().getisnull(m_result, row, column) != 0;
}

std::string Result::text(int row, int column) const {
    return libpq_library().getvalue(m_result, row, column);
}

std::int64_t Result::integer(int row, int column) const {
    std::string value = libpq_library().getvalue(m_result, row, column);
    std::int64_t number = 0;
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (error != std::errc() || end != value.data() + value.size())
        throw Error("not an integer: " + value);
    return number;
}

std::optional<std::int64_t> Result::optional_integer(int row, int column) const {
    if (is_null(row, column))
        return std::nullopt;
    return integer(row, column);
}

std::optional<double> Result::optional_real(int row, int column) const {
    if (is_null(row, column))
        return std::nullopt;
    return std::strtod(libpq_library().getvalue(m_result, row, column), nullptr);
}

std::int64_t Result::changes() const {
    const char* count = libpq_library().cmdTuples(m_result);
    return count && *count ? std::strtoll(count, nullptr, 10) : 0;
}

void Connection::Close::operator()(pg_conn* connection) const {
    libpq_library().finish(connection);
}

Connection Connection::open(const std::string& url, const std::string& application_name) {
    // The URL's own parameters first, then ours: application_name and a bounded connect time.
    const char* keywords[] = {"dbname", "application_name", "connect_timeout", nullptr};
    const char* values[] = {url.c_str(), application_name.c_str(), "10", nullptr};
    pg_conn* connection = libpq_library().connectdbParams(keywords, values, 1);
    if (!connection)
        throw Error("out of memory");
    Connection owned(connection);
    if (libpq_library().status(connection) != CONNECTION_OK)
        throw Error(trimmed(libpq_library().errorMessage(connection)));
    // Notices (such as "relation already exists, skipping") are not for the user.
    libpq_library().setNoticeProcessor(
        connection, [](void*, const char*) {}, nullptr);
    return owned;
}

Result Connection::execute(std::string_view sql, const std::vector<Parameter>& parameters) {
    std::vector<const char*> values;
    values.reserve(parameters.size());
    for (const auto& parameter : parameters)
        values.push_back(parameter ? parameter->c_str() : nullptr);
    std::string text(sql);
    // Without parameters, the simple protocol: a script of several statements is allowed.
    Result result(values.empty()
                      ? libpq_library().exec(m_connection.get(), text.c_str())
                      : libpq_library().execParams(m_connection.get(), text.c_str(),
                                                   static_cast<int>(values.size()), nullptr,
                                                   values.data(), nullptr, nullptr, 0));
    auto status =
        result.m_result ? libpq_library().resultStatus(result.m_result) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        throw Error(trimmed(libpq_library().errorMessage(m_connection.get())));
    return result;
}

Transaction::Transaction(Connection& connection) : m_connection(connection) {
    m_connection.execute("BEGIN");
}

Transaction::~Transaction() {
    if (!m_is_open)
        return;
    try {
        m_connection.execute("ROLLBACK");
    } catch (const Error&) {
        // A broken connection has already rolled it back.
    }
}

void Transaction::commit() {
    m_connection.execute("COMMIT");
    m_is_open = false;
}

std::string session_name() {
    char host[HOST_NAME_MAX + 1] = {};
    if (::gethostname(host, sizeof host - 1) != 0)
        host[0] = '\0';
    return fmt::format("gradepost pid {} on {}", ::getpid(), *host ? host : "unknown");
}

bool is_url(std::string_view location) {
    return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string redacted(std::string_view url) {
    auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos)
        return std::string(url);
    auto authority = scheme_end + 3;
    auto authority_end = url.find_first_of("/?", authority);
    if (authority_end == std::string_view::npos)
        authority_end = url.size();
    std::string text(url);
    auto at = url.rfind('@', authority_end);
    auto colon = url.find(':', authority);
    if (at != std::string_view::npos && at >= authority && colon != std::string_view::npos &&
        colon < at)
        text = std::string(url.substr(0, colon)) + std::string(url.substr(at));
    // ?password=... is a connection parameter too.
    for (auto position = text.find("password="); position != std::string::npos;
         position = text.find("password=", position + 1)) {
        auto value = position + 9;
        text.replace(value, text.find('&', value) - value, "***");
    }
    return text;
}

} // namespace gradepost::state::postgres
