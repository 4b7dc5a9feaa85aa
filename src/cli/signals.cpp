#include "cli/signals.hpp"

#include "util/interrupt.hpp"

#include <csignal>
#include <unistd.h>

namespace gradepost::cli {

namespace {

void on_signal(int signal_number) {
    if (util::is_interrupted()) {
        // A second signal: the user insists. The ledger's journal keeps what was sent.
        std::signal(signal_number, SIG_DFL);
        std::raise(signal_number);
        return;
    }
    util::request_interrupt();
    constexpr char message[] = "\ngradepost: interrupted; finishing requests in flight\n";
    [[maybe_unused]] auto written = write(STDERR_FILENO, message, sizeof message - 1);
}

} // namespace

InterruptGuard::InterruptGuard() {
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

InterruptGuard::~InterruptGuard() {
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

} // namespace gradepost::cli
