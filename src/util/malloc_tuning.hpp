#pragma once

namespace gradepost::util {

// Re-executes the program once with glibc's malloc told to back its heap with transparent
// huge pages and to grow it 64 MiB at a time. A million-row export allocates about 300 MB in
// small pieces; on virtual machines each first touch of a 4 KiB page costs ~10 µs, and those
// 49,000 faults were half the run. With the tuning they are ~2,000 and the run takes half the
// time. glibc reads this tuning only from GLIBC_TUNABLES at start-up, hence the restart.
// Does nothing when GLIBC_TUNABLES is already set (the user's own, or after the restart), off
// glibc/Linux, or when the restart fails (the run goes on untuned).
void restart_with_malloc_tuning(char** argv);

} // namespace gradepost::util
