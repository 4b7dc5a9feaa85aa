#pragma once

#include "util/clock.hpp"

namespace gradepost::testing {

// A clock that only moves when told to: sleeping advances it at once.
class FakeClock final : public util::Clock {
public:
    explicit FakeClock(util::Instant start = util::Instant{std::chrono::seconds{1'790'000'000}})
        : m_now(start) {}
    util::Instant now() const override { return m_now; }
    void sleep_for(std::chrono::microseconds duration) override {
        m_now += duration;
        m_slept += duration;
    }
    void advance(std::chrono::microseconds duration) { m_now += duration; }
    std::chrono::microseconds slept() const { return m_slept; }

private:
    util::Instant m_now;
    std::chrono::microseconds m_slept{0};
};

} // namespace gradepost::testing
