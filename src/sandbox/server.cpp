#include "sandbox/server.hpp"

#include "sandbox/sandbox.hpp"
#include "util/error.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace gradepost::sandbox {

namespace {

// The signal handler may only write to a pipe; the main thread waits on the other end.
int g_wake_pipe[2] = {-1, -1};

extern "C" void on_stop_signal(int) {
    int saved = errno;
    char byte = 1;
    [[maybe_unused]] auto ignored = ::write(g_wake_pipe[1], &byte, 1);
    errno = saved;
}

// Installs the handlers for the lifetime of the object and restores the previous ones after.
class StopSignals {
public:
    StopSignals() {
        if (::pipe2(g_wake_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
            throw util::Error(util::ExitCode::config, "cannot create a pipe for signals");
        struct sigaction action {};
        action.sa_handler = on_stop_signal;
        sigemptyset(&action.sa_mask);
        ::sigaction(SIGINT, &action, &m_previous_interrupt);
        ::sigaction(SIGTERM, &action, &m_previous_terminate);
    }
    ~StopSignals() {
        ::sigaction(SIGINT, &m_previous_interrupt, nullptr);
        ::sigaction(SIGTERM, &m_previous_terminate, nullptr);
        ::close(g_wake_pipe[0]);
        ::close(g_wake_pipe[1]);
        g_wake_pipe[0] = g_wake_pipe[1] = -1;
    }
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

    void wait() const {
        pollfd descriptor{g_wake_pipe[0], POLLIN, 0};
        while (::poll(&descriptor, 1, -1) < 0 && errno == EINTR) {
        }
    }

private:
    struct sigaction m_previous_interrupt {};
    struct sigaction m_previous_terminate {};
};

// Written beside the target and renamed, so a reader never sees half a URL.
void write_ready_file(const std::filesystem::path& file, const std::string& base_url) {
    std::filesystem::path temporary = file;
    temporary += ".tmp";
    {
        std::ofstream stream(temporary, std::ios::trunc);
        stream << base_url << "\n";
        if (!stream.flush())
            throw util::UsageError("cannot write the ready file " + file.string());
    }
    std::error_code error;
    std::filesystem::rename(temporary, file, error);
    if (error)
        throw util::UsageError("cannot write the ready file " + file.string() + ": " +
                               error.message());
}

} // namespace

int run_sandbox(const SandboxOptions& options) {
    StopSignals signals;
    Sandbox sandbox(options);
    sandbox.start();
    std::string base_url = sandbox.base_url();
    std::printf("sandbox listening on %s\n", base_url.c_str());
    std::fflush(stdout);
    if (!options.ready_file.empty())
        write_ready_file(options.ready_file, base_url);

    signals.wait();
    sandbox.stop();
    return 0;
}

} // namespace gradepost::sandbox
