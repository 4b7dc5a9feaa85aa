#include "support/regression_files.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>

namespace gradepost::testing {

std::vector<std::filesystem::path> regression_files(const std::string& target) {
    std::vector<std::filesystem::path> files;
    auto directory =
        std::filesystem::path(GRADEPOST_SOURCE_DIR) / "tests" / "fuzz" / "regressions" / target;
    for (const auto& entry : std::filesystem::directory_iterator(directory))
        if (entry.is_regular_file())
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

std::string regression_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace gradepost::testing
