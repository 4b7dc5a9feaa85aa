#include "support/captured_stderr.hpp"

#include <unistd.h>

namespace gradepost::testing {

CapturedStderr::CapturedStderr() : m_file(std::tmpfile()) {
    std::fflush(stderr);
    m_saved = dup(fileno(stderr));
    dup2(fileno(m_file), fileno(stderr));
}

CapturedStderr::~CapturedStderr() {
    restore();
    std::fclose(m_file);
}

std::string CapturedStderr::text() {
    restore();
    std::string result;
    std::rewind(m_file);
    for (int c; (c = std::fgetc(m_file)) != EOF;)
        result.push_back(static_cast<char>(c));
    return result;
}

void CapturedStderr::restore() {
    if (m_saved < 0)
        return;
    std::fflush(stderr);
    dup2(m_saved, fileno(stderr));
    close(m_saved);
    m_saved = -1;
}

} // namespace gradepost::testing
