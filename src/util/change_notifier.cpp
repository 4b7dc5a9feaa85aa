#include "util/change_notifier.hpp"

#include "util/interrupt.hpp"
#include "util/log.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

namespace gradepost::util {

namespace {

// Short enough that SIGTERM is answered at once, long enough to cost nothing.
constexpr auto k_interrupt_check = std::chrono::milliseconds(100);

} // namespace

ChangeNotifier::ChangeNotifier(const std::filesystem::path& target) {
    std::error_code error;
    bool is_directory = std::filesystem::is_directory(target, error);
    auto directory = is_directory ? target : target.parent_path();
    if (!is_directory)
        m_file_name = target.filename().string();
    if (directory.empty())
        directory = ".";
    m_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (m_fd < 0) {
        warn("inotify is not available ({}): watching by polling", std::strerror(errno));
        return;
    }
    m_watch = inotify_add_watch(m_fd, directory.c_str(),
                                IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE |
                                    IN_MOVED_FROM);
    if (m_watch < 0)
        warn("cannot watch {} with inotify ({}): watching by polling", directory.string(),
             std::strerror(errno));
}

bool ChangeNotifier::is_watched_name(std::string_view name) const {
    if (!m_file_name.empty())
        return name == m_file_name;
    auto extension = std::filesystem::path(name).extension();
    return extension == ".csv" || extension == ".json" || extension == ".ndjson";
}

ChangeNotifier::~ChangeNotifier() {
    if (m_fd >= 0)
        close(m_fd);
}

bool ChangeNotifier::wait(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!is_interrupted()) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left <= std::chrono::milliseconds(0))
            return false;
        auto step = std::min(left, std::chrono::milliseconds(k_interrupt_check));
        if (m_watch < 0) {
            std::this_thread::sleep_for(step);
            continue;
        }
        pollfd descriptor{m_fd, POLLIN, 0};
        if (poll(&descriptor, 1, static_cast<int>(step.count())) <= 0)
            continue; // the step passed, or a signal came: look at the clock and the interrupt
        // Drain every event; the caller looks at every watched file, whichever changed.
        alignas(inotify_event) char buffer[4096];
        bool changed = false;
        for (ssize_t length; (length = read(m_fd, buffer, sizeof buffer)) > 0;) {
            for (ssize_t at = 0; at < length;) {
                const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
                if (event->len > 0 && is_watched_name(event->name))
                    changed = true;
                at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
            }
        }
        if (changed)
            return true;
    }
    return false;
}

} // namespace gradepost::util
