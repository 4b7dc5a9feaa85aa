#include "util/malloc_tuning.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#endif

namespace gradepost::util {

namespace {

constexpr std::size_t k_smallest = std::size_t{64} << 20;
constexpr std::size_t k_largest = std::size_t{8} << 30;
constexpr std::uintptr_t k_huge_page = std::uintptr_t{2} << 20;

} // namespace

void reserve_heap_for(std::size_t bytes) {
#if defined(__linux__) && defined(__GLIBC__)
    static bool is_reserved = false;
    if (is_reserved || bytes < k_smallest)
        return;
    is_reserved = true;
    bytes = std::min(bytes, k_largest);
    // Large blocks from the heap (not their own mmap), the heap never given back mid-run, and
    // grown 64 MiB at a time past what is reserved here.
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    mallopt(M_TOP_PAD, 64 << 20);
    // One block the size of it all: the heap grows once; advised for huge pages and freed,
    // it stays the heap's top, where the small allocations that follow are carved.
    auto* block = static_cast<char*>(std::malloc(bytes));
    if (!block)
        return;
    auto start = (reinterpret_cast<std::uintptr_t>(block) + k_huge_page - 1) & ~(k_huge_page - 1);
    auto end = reinterpret_cast<std::uintptr_t>(block) + bytes;
    if (end > start)
        madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE);
    std::free(block);
#else
    (void)bytes;
#endif
}

} // namespace gradepost::util
