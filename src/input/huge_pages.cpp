#include "input/huge_pages.hpp"

#include <cstdint>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace gradepost::input {

namespace {

constexpr std::size_t k_smallest_advised = std::size_t{8} << 20;
constexpr std::uintptr_t k_page = 4096;

} // namespace

void advise_huge_pages(const void* data, std::size_t size) {
#ifdef __linux__
    if (size < k_smallest_advised)
        return;
    auto begin = (reinterpret_cast<std::uintptr_t>(data) + k_page - 1) & ~(k_page - 1);
    auto end = (reinterpret_cast<std::uintptr_t>(data) + size) & ~(k_page - 1);
    // Advice only: when the kernel refuses, the memory works the same with small pages.
    madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
    (void)data;
    (void)size;
#endif
}

} // namespace gradepost::input
