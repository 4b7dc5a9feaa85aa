#include "input/file_text.hpp"

#include "util/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace gradepost::input {

std::string read_file_text(const std::filesystem::path& file) {
    auto fail = [&](const std::string& reason) {
        throw util::UsageError("cannot read " + file.string() + ": " + reason);
    };
    std::error_code error;
    if (std::filesystem::is_directory(file, error))
        fail("it is a directory");
    // stdio rather than iostreams: one read of the whole file, and errno for the message.
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> stream(std::fopen(file.c_str(), "rb"),
                                                           &std::fclose);
    if (!stream)
        fail(std::strerror(errno));
    // Sized once from the file's length (exports can be tens of megabytes); a file that grows
    // meanwhile is still read to its end.
    std::string text;
    auto expected = std::filesystem::file_size(file, error);
    if (!error && expected > 0) {
        text.reserve(expected);
        text.resize(expected);
        text.resize(std::fread(text.data(), 1, expected, stream.get()));
    }
    char buffer[1 << 16];
    std::size_t size = 0;
    while ((size = std::fread(buffer, 1, sizeof buffer, stream.get())) > 0)
        text.append(buffer, size);
    if (std::ferror(stream.get()))
        fail(std::strerror(errno));
    return text;
}

} // namespace gradepost::input
