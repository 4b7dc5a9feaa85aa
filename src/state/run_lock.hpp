#pragma once

#include "state/ledger.hpp"

#include <chrono>
#include <filesystem>

namespace gradepost::state {

// One run per (platform, line item) at a time: an exclusive flock(2) on a lock file beside
// the ledger, released on destruction or when the process dies (so a dead holder's lock is
// simply taken over). The file records the holder: pid, host, start time.
class RunLock {
public:
    // Waits up to `wait` for the lock, then throws util::LockedError naming the holder.
    static RunLock acquire(const std::filesystem::path& ledger_path, const Target& target,
                           std::chrono::seconds wait);

    RunLock(RunLock&& other) noexcept;
    RunLock& operator=(RunLock&&) = delete;
    ~RunLock();

private:
    explicit RunLock(int descriptor) : m_descriptor(descriptor) {}
    int m_descriptor = -1;
};

} // namespace gradepost::state
