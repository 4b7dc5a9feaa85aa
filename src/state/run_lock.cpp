#include "state/run_lock.hpp"

#include "state/postgres.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstring>
#include <map>
#include <sstream>
#include <string>
#include <thread>

namespace gradepost::state {

namespace {

constexpr auto k_poll_interval = std::chrono::milliseconds(100);

std::uint64_t lock_key(const Target& target) {
    return util::fnv1a(target.platform + "\n" + target.line_item);
}

// <ledger>.locks/<FNV-1a of platform and line item>.lock: one file per target, named so that
// any URL makes a valid file name.
std::filesystem::path lock_path(const std::filesystem::path& ledger_path, const Target& target) {
    std::filesystem::path directory = ledger_path.string() + ".locks";
    auto name = fmt::format("{:016x}.lock", lock_key(target));
    return directory / name;
}

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path) {
    throw util::ConfigError(
        fmt::format("cannot {} {}: {}", what, path.string(), std::strerror(errno)));
}

int open_lock_file(const std::filesystem::path& path) {
    const auto directory = path.parent_path();
    std::error_code ignored;
    std::filesystem::create_directories(directory.parent_path(), ignored);
    if (::mkdir(directory.c_str(), 0700) == 0)
        ::chmod(directory.c_str(), 0700); // whatever the umask
    else if (errno != EEXIST)
        fail("create the lock directory", directory);
    int descriptor = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (descriptor < 0)
        fail("open the lock file", path);
    ::fchmod(descriptor, 0600);
    return descriptor;
}

void write_holder(int descriptor, const Target& target) {
    char host[HOST_NAME_MAX + 1] = {};
    if (::gethostname(host, sizeof host - 1) != 0)
        std::strcpy(host, "unknown");
    auto started = date::format(
        "%FT%TZ", std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    auto holder = fmt::format("pid={}\nhost={}\nstarted={}\nline_item={}\n", ::getpid(), host,
                              started, target.line_item);
    // The holder lines are only for the message of a waiting run; failing to write them
    // does not make the lock any less held.
    if (::ftruncate(descriptor, 0) != 0)
        return;
    [[maybe_unused]] auto written = ::pwrite(descriptor, holder.data(), holder.size(), 0);
}

std::map<std::string, std::string> read_holder(int descriptor) {
    std::string text(4096, '\0');
    auto size = ::pread(descriptor, text.data(), text.size(), 0);
    text.resize(size > 0 ? static_cast<std::size_t>(size) : 0);
    std::map<std::string, std::string> fields;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
        if (auto equals = line.find('='); equals != std::string::npos)
            fields[line.substr(0, equals)] = line.substr(equals + 1);
    return fields;
}

std::string locked_message(int descriptor, const Target& target) {
    auto holder = read_holder(descriptor);
    std::string who = "another gradepost run";
    if (holder.contains("pid"))
        who += fmt::format(" (pid {} on {}, started {})", holder["pid"],
                           holder.contains("host") ? holder["host"] : "an unknown host",
                           holder.contains("started") ? holder["started"] : "at an unknown time");
    return fmt::format("{} is posting to {}; try again later or pass --wait-lock SECONDS", who,
                       target.line_item);
}

// The advisory lock's key as PostgreSQL shows it in pg_locks: the high and low 32 bits.
std::string postgres_holder(postgres::Connection& session, std::uint64_t key) {
    auto holder = session.execute(R"sql(
SELECT a.application_name, to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
  AND l.classid = $1::bigint::oid AND l.objid = $2::bigint::oid
)sql",
                                  {std::to_string(key >> 32), std::to_string(key & 0xffffffffu)});
    if (holder.rows() == 0 || holder.text(0, 0).empty())
        return "another gradepost run";
    return fmt::format("another gradepost run ({}, started {})", holder.text(0, 0),
                       holder.text(0, 1));
}

// The session holding the advisory lock.
std::unique_ptr<postgres::Connection> acquire_advisory(const std::string& url, const Target& target,
                                                       std::chrono::seconds wait) {
    auto describe = [&] { return fmt::format("state database {}", postgres::redacted(url)); };
    try {
        auto session = std::make_unique<postgres::Connection>(
            postgres::Connection::open(url, postgres::session_name()));
        const auto key = lock_key(target);
        const auto signed_key = std::to_string(static_cast<std::int64_t>(key));
        const auto deadline = std::chrono::steady_clock::now() + wait;
        while (
            session->execute("SELECT pg_try_advisory_lock($1::bigint)", {signed_key}).text(0, 0) !=
            "t") {
            auto now = std::chrono::steady_clock::now();
            if (now >= deadline)
                throw util::LockedError(
                    fmt::format("{} is posting to {}; try again later or pass --wait-lock SECONDS",
                                postgres_holder(*session, key), target.line_item));
            std::this_thread::sleep_for(
                std::min<std::chrono::steady_clock::duration>(k_poll_interval, deadline - now));
        }
        return session;
    } catch (const postgres::Error& error) {
        throw util::ConfigError(fmt::format("{}: {}", describe(), error.what()));
    }
}

} // namespace

RunLock::RunLock(int descriptor) : m_descriptor(descriptor) {}

RunLock::RunLock(std::unique_ptr<postgres::Connection> session) : m_session(std::move(session)) {}

RunLock RunLock::acquire(const std::filesystem::path& ledger_location, const Target& target,
                         std::chrono::seconds wait) {
    if (postgres::is_url(ledger_location.native()))
        return RunLock(acquire_advisory(ledger_location.native(), target, wait));
    const auto path = lock_path(ledger_location, target);
    int descriptor = open_lock_file(path);
    const auto deadline = std::chrono::steady_clock::now() + wait;
    while (::flock(descriptor, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EINTR)
            continue;
        if (errno != EWOULDBLOCK) {
            ::close(descriptor);
            fail("lock", path);
        }
        auto now = std::chrono::steady_clock::now();
        if (now >= deadline) {
            auto message = locked_message(descriptor, target);
            ::close(descriptor);
            throw util::LockedError(message);
        }
        std::this_thread::sleep_for(
            std::min<std::chrono::steady_clock::duration>(k_poll_interval, deadline - now));
    }
    write_holder(descriptor, target);
    return RunLock(descriptor);
}

RunLock::RunLock(RunLock&& other) noexcept
    : m_descriptor(other.m_descriptor), m_session(std::move(other.m_session)) {
    other.m_descriptor = -1;
}

// A PostgreSQL session's advisory lock goes with the session: closing it releases the lock.
RunLock::~RunLock() {
    if (m_descriptor < 0)
        return;
    // Emptied while still held, so no waiter reports a holder that is gone.
    [[maybe_unused]] auto truncated = ::ftruncate(m_descriptor, 0);
    ::close(m_descriptor);
}

} // namespace gradepost::state
