#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace gradepost::testing {

// The inputs that once made the fuzz target `target` fail, kept in
// tests/fuzz/regressions/<target>/, sorted by name so a failure names the same file each run.
std::vector<std::filesystem::path> regression_files(const std::string& target);

// A regression input's bytes, as the fuzz target receives them.
std::string regression_bytes(const std::filesystem::path& file);

} // namespace gradepost::testing
