#pragma once

namespace gradepost::util {

// Asks every transport to start nothing more: requests in flight finish, requests not yet
// sent come back unsent. Async-signal-safe (one lock-free atomic store), for SIGINT/SIGTERM.
void request_interrupt();

// Whether request_interrupt() was called (and not cleared since).
bool is_interrupted();

// Forgets an interruption; for tests and for a process that goes on after handling one.
void clear_interrupt();

} // namespace gradepost::util
