#include "util/interrupt.hpp"

#include <atomic>

namespace gradepost::util {

namespace {

std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "a signal handler sets the flag");

} // namespace

void request_interrupt() {
    g_interrupted.store(true);
}

bool is_interrupted() {
    return g_interrupted.load();
}

void clear_interrupt() {
    g_interrupted.store(false);
}

} // namespace gradepost::util
