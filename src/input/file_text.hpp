#pragma once

#include <filesystem>
#include <string>

namespace gradepost::input {

// The whole content of a file. Throws util::UsageError naming the file and the reason
// ("cannot read week3.csv: No such file or directory").
std::string read_file_text(const std::filesystem::path& file);

} // namespace gradepost::input
