#include "util/clock.hpp"

#include <thread>

namespace gradepost::util {

Instant SystemClock::now() const {
    return std::chrono::time_point_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now());
}

void SystemClock::sleep_for(std::chrono::microseconds duration) {
    std::this_thread::sleep_for(duration);
}

Clock& system_clock() {
    static SystemClock clock;
    return clock;
}

} // namespace gradepost::util
