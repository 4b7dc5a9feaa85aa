#include "util/temporary_file.hpp"

#include "util/error.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace gradepost::util {

namespace {

std::string temporary_directory() {
    const char* directory = std::getenv("TMPDIR");
    return directory != nullptr && *directory != '\0' ? directory : "/tmp";
}

[[noreturn]] void fail(const std::string& what, const std::string& directory, int error) {
    throw ConfigError(what + " a temporary file in " + directory + ": " + std::strerror(error) +
                      " (set TMPDIR to a directory with room)");
}

} // namespace

TemporaryFile::TemporaryFile() : m_directory(temporary_directory()) {
#ifdef O_TMPFILE
    m_descriptor = ::open(m_directory.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
    if (m_descriptor < 0) {
        // File systems without O_TMPFILE: a named file, unlinked before it is used.
        std::string name = m_directory + "/gradepost-XXXXXX";
        m_descriptor = ::mkostemp(name.data(), O_CLOEXEC);
        if (m_descriptor < 0)
            fail("cannot create", m_directory, errno);
        ::unlink(name.c_str());
    }
}

TemporaryFile::~TemporaryFile() {
    if (m_descriptor >= 0)
        ::close(m_descriptor);
}

TemporaryFile::TemporaryFile(TemporaryFile&& other) noexcept
    : m_descriptor(std::exchange(other.m_descriptor, -1)), m_size(other.m_size),
      m_directory(std::move(other.m_directory)) {}

TemporaryFile& TemporaryFile::operator=(TemporaryFile&& other) noexcept {
    if (this != &other) {
        if (m_descriptor >= 0)
            ::close(m_descriptor);
        m_descriptor = std::exchange(other.m_descriptor, -1);
        m_size = other.m_size;
        m_directory = std::move(other.m_directory);
    }
    return *this;
}

std::uint64_t TemporaryFile::append(const void* bytes, std::size_t size) {
    const std::uint64_t offset = m_size;
    const char* next = static_cast<const char*>(bytes);
    for (std::size_t left = size; left > 0;) {
        ssize_t written = ::pwrite(m_descriptor, next, left, static_cast<off_t>(m_size));
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            fail("cannot write", m_directory, written < 0 ? errno : ENOSPC);
        next += written;
        left -= static_cast<std::size_t>(written);
        m_size += static_cast<std::uint64_t>(written);
    }
    return offset;
}

void TemporaryFile::read(std::uint64_t offset, void* bytes, std::size_t size) const {
    char* next = static_cast<char*>(bytes);
    for (std::size_t left = size; left > 0;) {
        ssize_t got = ::pread(m_descriptor, next, left, static_cast<off_t>(offset));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            fail("cannot read back", m_directory, got < 0 ? errno : EIO);
        next += got;
        left -= static_cast<std::size_t>(got);
        offset += static_cast<std::uint64_t>(got);
    }
}

} // namespace gradepost::util
