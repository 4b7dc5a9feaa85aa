#pragma once

#include <cstddef>

namespace gradepost::input {

// Asks the kernel to back [data, data + size) with transparent huge pages (Linux; elsewhere
// nothing). A million attempts are over 200 MB, and on virtual machines a first-touch fault
// per 4 KiB page costs about 10 µs: 55,000 faults, more than half a second, more than parsing
// the file. With 2 MiB pages it is a few hundred faults. Call it on memory not yet touched;
// small buffers are left alone.
void advise_huge_pages(const void* data, std::size_t size);

} // namespace gradepost::input
