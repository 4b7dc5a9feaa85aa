#include "report/terminal.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fcntl.h>
#include <optional>
#include <string>
#include <unistd.h>

using namespace gradepost::report;

namespace {

// Sets an environment variable for one test and puts the old value back afterwards.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : m_name(name) {
        if (const char* old = std::getenv(name))
            m_old = old;
        if (value)
            ::setenv(name, value, 1);
        else
            ::unsetenv(name);
    }
    ~ScopedEnv() {
        if (m_old)
            ::setenv(m_name, m_old->c_str(), 1);
        else
            ::unsetenv(m_name);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

// A pseudo-terminal, so that "auto" can be tested as on a real terminal.
class PseudoTerminal {
public:
    PseudoTerminal() {
        m_fd = ::posix_openpt(O_RDWR | O_NOCTTY);
        if (m_fd >= 0 && (::grantpt(m_fd) != 0 || ::unlockpt(m_fd) != 0)) {
            ::close(m_fd);
            m_fd = -1;
        }
        if (m_fd >= 0)
            m_replica = ::open(::ptsname(m_fd), O_RDWR | O_NOCTTY);
    }
    ~PseudoTerminal() {
        if (m_replica >= 0)
            ::close(m_replica);
        if (m_fd >= 0)
            ::close(m_fd);
    }
    PseudoTerminal(const PseudoTerminal&) = delete;
    PseudoTerminal& operator=(const PseudoTerminal&) = delete;
    int fd() const { return m_replica; }

private:
    int m_fd = -1;
    int m_replica = -1;
};

class Pipe {
public:
    Pipe() { REQUIRE(::pipe(m_fds) == 0); }
    ~Pipe() {
        ::close(m_fds[0]);
        ::close(m_fds[1]);
    }
    Pipe(const Pipe&) = delete;
    Pipe& operator=(const Pipe&) = delete;
    int write_end() const { return m_fds[1]; }

private:
    int m_fds[2] = {-1, -1};
};

} // namespace

TEST_SUITE("report::terminal") {

    TEST_CASE("a pipe is not a terminal, a pseudo-terminal is") {
        Pipe pipe;
        CHECK_FALSE(is_terminal(pipe.write_end()));
        PseudoTerminal terminal;
        REQUIRE(terminal.fd() >= 0);
        CHECK(is_terminal(terminal.fd()));
    }

    TEST_CASE("always and never ignore the terminal and NO_COLOR") {
        ScopedEnv no_color("NO_COLOR", "1");
        Pipe pipe;
        CHECK(use_color("always", pipe.write_end()));
        CHECK_FALSE(use_color("never", pipe.write_end()));
    }

    TEST_CASE("auto colours a terminal unless NO_COLOR is set and non-empty") {
        PseudoTerminal terminal;
        REQUIRE(terminal.fd() >= 0);
        ScopedEnv term("TERM", "xterm-256color");
        {
            ScopedEnv no_color("NO_COLOR", nullptr);
            CHECK(use_color("auto", terminal.fd()));
        }
        {
            ScopedEnv no_color("NO_COLOR", "");
            CHECK(use_color("auto", terminal.fd()));
        }
        {
            ScopedEnv no_color("NO_COLOR", "1");
            CHECK_FALSE(use_color("auto", terminal.fd()));
        }
    }

    TEST_CASE("auto does not colour a pipe or a dumb terminal") {
        ScopedEnv no_color("NO_COLOR", nullptr);
        Pipe pipe;
        CHECK_FALSE(use_color("auto", pipe.write_end()));
        PseudoTerminal terminal;
        REQUIRE(terminal.fd() >= 0);
        ScopedEnv term("TERM", "dumb");
        CHECK_FALSE(use_color("auto", terminal.fd()));
    }

    TEST_CASE("an unknown mode is a usage error") {
        CHECK_THROWS_AS(use_color("sometimes", 1), gradepost::util::UsageError);
    }
}
