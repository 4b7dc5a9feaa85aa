#pragma once

#include <stdexcept>
#include <string>

namespace gradepost::util {

// The exit codes of DESIGN.md; the only place they are numbered.
enum class ExitCode : int {
    ok = 0,
    some_failed = 1,   // some scores failed; the rest were posted and recorded
    usage = 2,         // usage or input error; nothing posted, state unchanged
    config = 3,        // configuration or authentication error
    locked = 4,        // another run holds the lock for this line item
    unreachable = 5,   // the platform could not be reached, or kept failing
    internal = 70,     // a bug in gradepost (EX_SOFTWARE): nothing the user did wrong
    interrupted = 130, // SIGINT/SIGTERM: in-flight requests finished, ledger committed
};

// What ends a run. Thrown anywhere, caught once in cli::run, printed as
// "gradepost: error: <what>" and mapped to its exit code.
class Error : public std::runtime_error {
public:
    Error(ExitCode code, const std::string& message) : std::runtime_error(message), m_code(code) {}
    ExitCode code() const { return m_code; }

private:
    ExitCode m_code;
};

// Bad flags or bad input files (exit 2).
struct UsageError : Error {
    explicit UsageError(const std::string& message) : Error(ExitCode::usage, message) {}
};

// Bad configuration, key or credentials, or a token refused (exit 3).
struct ConfigError : Error {
    explicit ConfigError(const std::string& message) : Error(ExitCode::config, message) {}
};

// The state lock is held by another run (exit 4).
struct LockedError : Error {
    explicit LockedError(const std::string& message) : Error(ExitCode::locked, message) {}
};

// The platform cannot be reached or keeps failing after retries (exit 5).
struct UnreachableError : Error {
    explicit UnreachableError(const std::string& message) : Error(ExitCode::unreachable, message) {}
};

} // namespace gradepost::util
