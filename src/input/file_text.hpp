#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

namespace gradepost::input {

// A file read a piece at a time, so that an export of gigabytes never sits in memory whole.
// Throws util::UsageError naming the file and the reason ("cannot read week3.csv: No such
// file or directory"), on opening as on reading.
class TextFile {
public:
    // What readers take at a time: large reads, and little memory whatever the file's size.
    static constexpr std::size_t k_piece_size = std::size_t{8} << 20;

    explicit TextFile(const std::filesystem::path& file);

    // Appends up to `size` more bytes to `text`; false once the end was reached before any.
    bool read_into(std::string& text, std::size_t size);
    // Appends everything left.
    void read_rest_into(std::string& text);
    // The size the file had when opened (0 when unknown).
    std::uint64_t size() const { return m_size; }

private:
    [[noreturn]] void fail(const std::string& reason) const;

    std::filesystem::path m_file;
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> m_stream;
    std::uint64_t m_size = 0;
    std::uint64_t m_read = 0;
};

// The whole content of a file, with TextFile's errors.
std::string read_file_text(const std::filesystem::path& file);

} // namespace gradepost::input
