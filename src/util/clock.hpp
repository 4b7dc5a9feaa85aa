#pragma once

#include <chrono>

namespace gradepost::util {

using Instant = std::chrono::sys_time<std::chrono::microseconds>;

// Time as the program sees it; tests pass a fake so expiry and backoff need no sleeping.
class Clock {
public:
    virtual ~Clock() = default;
    virtual Instant now() const = 0;
    virtual void sleep_for(std::chrono::microseconds duration) = 0;
};

class SystemClock final : public Clock {
public:
    Instant now() const override;
    void sleep_for(std::chrono::microseconds duration) override;
};

// The process-wide system clock.
Clock& system_clock();

} // namespace gradepost::util
