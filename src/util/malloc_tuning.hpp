#pragma once

#include <cstddef>

namespace gradepost::util {

// Prepares the heap for about `bytes` of small allocations (a million-row export makes
// ~130 MB of them): the heap grows in one step backed by transparent huge pages, and large
// blocks come from it too. On virtual machines each first touch of a 4 KiB page costs ~10 µs;
// 49,000 such faults were half of a million-row run, and with huge pages they are ~2,000.
// This is what glibc's `glibc.malloc.hugetlb=1` tunable does, without the restart that
// setting GLIBC_TUNABLES would take. Only virtual memory is reserved: untouched pages cost
// nothing. Once per process, for 64 MiB and more, on glibc/Linux; elsewhere nothing.
void reserve_heap_for(std::size_t bytes);

} // namespace gradepost::util
