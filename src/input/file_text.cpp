#include "input/file_text.hpp"

#include "util/error.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace gradepost::input {

TextFile::TextFile(const std::filesystem::path& file)
    : m_file(file), m_stream(nullptr, &std::fclose) {
    std::error_code error;
    if (std::filesystem::is_directory(file, error))
        fail("it is a directory");
    // stdio rather than iostreams: large reads, and errno for the message.
    m_stream.reset(std::fopen(file.c_str(), "rb"));
    if (!m_stream)
        fail(std::strerror(errno));
    auto size = std::filesystem::file_size(file, error);
    m_size = error ? 0 : size;
}

void TextFile::fail(const std::string& reason) const {
    throw util::UsageError("cannot read " + m_file.string() + ": " + reason);
}

bool TextFile::read_into(std::string& text, std::size_t size) {
    // No more room than the file has left (and a little, should it grow meanwhile): the
    // string zeroes what it grows by, and a small export read as a piece of 8 MB was 8 MB of
    // zeroes each time (once per column with --wide).
    constexpr std::uint64_t k_slack = std::uint64_t{1} << 16;
    if (m_size > 0)
        size = static_cast<std::size_t>(
            std::min<std::uint64_t>(size, std::max(m_size - std::min(m_size, m_read), k_slack)));
    const std::size_t before = text.size();
    text.resize(before + size);
    std::size_t got = std::fread(text.data() + before, 1, size, m_stream.get());
    text.resize(before + got);
    m_read += got;
    if (got < size && std::ferror(m_stream.get()))
        fail(std::strerror(errno));
    return got > 0;
}

void TextFile::read_rest_into(std::string& text) {
    // Sized once from the file's length (exports can be tens of megabytes); a file that grows
    // meanwhile is still read to its end.
    if (m_size > m_read) {
        text.reserve(text.size() + (m_size - m_read));
        read_into(text, m_size - m_read);
    }
    char buffer[1 << 16];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, m_stream.get())) > 0) {
        text.append(buffer, got);
        m_read += got;
    }
    if (std::ferror(m_stream.get()))
        fail(std::strerror(errno));
}

std::string read_file_text(const std::filesystem::path& file) {
    TextFile text_file(file);
    std::string text;
    text_file.read_rest_into(text);
    return text;
}

} // namespace gradepost::input
