#pragma once

#include "state/ledger.hpp"

#include <chrono>
#include <filesystem>
#include <memory>

namespace gradepost::state {

namespace postgres {
class Connection;
}

// One run per (platform, line item) at a time, released on destruction or when the process
// dies (so a dead holder's lock is simply taken over).
// - SQLite ledger: an exclusive flock(2) on a lock file beside the ledger; the file records
//   the holder: pid, host, start time.
// - PostgreSQL ledger: a session-level pg_try_advisory_lock on a hash of the platform and
//   line item, held by a connection of its own for the run; the holder is named by its
//   session's application name (pid and host).
class RunLock {
public:
    // Waits up to `wait` for the lock, then throws util::LockedError naming the holder.
    static RunLock acquire(const std::filesystem::path& ledger_location, const Target& target,
                           std::chrono::seconds wait);

    RunLock(RunLock&& other) noexcept;
    RunLock& operator=(RunLock&&) = delete;
    ~RunLock();

private:
    explicit RunLock(int descriptor);
    explicit RunLock(std::unique_ptr<postgres::Connection> session);
    int m_descriptor = -1;
    std::unique_ptr<postgres::Connection> m_session;
};

} // namespace gradepost::state
