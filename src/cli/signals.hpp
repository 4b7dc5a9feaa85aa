#pragma once

namespace gradepost::cli {

// While alive, SIGINT and SIGTERM ask the transport to stop starting requests: those in
// flight finish and the ledger records them (exit 130). A second signal ends at once.
class InterruptGuard {
public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;
};

} // namespace gradepost::cli
