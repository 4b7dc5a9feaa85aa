#include "state/run_lock.hpp"

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

// <ledger>.locks/<FNV-1a of platform and line item>.lock: one file per target, named so that
// any URL makes a valid file name.
std::filesystem::path lock_path(const std::filesystem::path& ledger_path, const Target& target) {
    std::filesystem::path directory = ledger_path.string() + ".locks";
    auto name = fmt::format("{:016x}.lock", util::fnv1a(target.platform + "\n" + target.line_item));
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

} // namespace

RunLock RunLock::acquire(const std::filesystem::path& ledger_path, const Target& target,
                         std::chrono::seconds wait) {
    const auto path = lock_path(ledger_path, target);
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

RunLock::RunLock(RunLock&& other) noexcept : m_descriptor(other.m_descriptor) {
    other.m_descriptor = -1;
}

RunLock::~RunLock() {
    if (m_descriptor < 0)
        return;
    // Emptied while still held, so no waiter reports a holder that is gone.
    [[maybe_unused]] auto truncated = ::ftruncate(m_descriptor, 0);
    ::close(m_descriptor);
}

} // namespace gradepost::state
