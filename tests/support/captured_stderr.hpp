#pragma once

#include <cstdio>
#include <string>

namespace gradepost::testing {

// What is written to stderr (util::warn, util::info) while it lives, or until text() is read.
class CapturedStderr {
public:
    CapturedStderr();
    ~CapturedStderr();
    CapturedStderr(const CapturedStderr&) = delete;
    CapturedStderr& operator=(const CapturedStderr&) = delete;

    // Stops capturing and returns everything captured.
    std::string text();

private:
    void restore();

    std::FILE* m_file;
    int m_saved = -1;
};

} // namespace gradepost::testing
