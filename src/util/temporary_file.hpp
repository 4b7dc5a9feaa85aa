#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace gradepost::util {

// A file that exists only while this object does: created in $TMPDIR (else /tmp) with no
// name (O_TMPFILE, or unlinked at once where that is not supported), so nothing is left
// behind when the process ends, however it ends. For data too large to hold in memory.
class TemporaryFile {
public:
    // Throws ConfigError (exit 3) naming the directory when no file can be made there.
    TemporaryFile();
    ~TemporaryFile();
    TemporaryFile(TemporaryFile&& other) noexcept;
    TemporaryFile& operator=(TemporaryFile&& other) noexcept;
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;

    // Writes at the end; returns where the bytes begin. Throws ConfigError when the disk is
    // full or the write fails otherwise.
    std::uint64_t append(const void* bytes, std::size_t size);
    // Reads `size` bytes written earlier at `offset`.
    void read(std::uint64_t offset, void* bytes, std::size_t size) const;
    std::uint64_t size() const { return m_size; }

private:
    int m_descriptor = -1;
    std::uint64_t m_size = 0;
    std::string m_directory; // for messages
};

} // namespace gradepost::util
