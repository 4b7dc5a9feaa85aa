#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

namespace gradepost::util {

// Wakes `watch` when a watched export may have changed: inotify on Linux (the directory, or a
// file's directory, so an export replaced by a rename is seen too), and a timeout as the
// polling fallback where inotify is not available or runs out of watches. Only changes to
// the watched file, or in a directory to .csv, .json and .ndjson files, count: a ledger or a
// log beside the exports wakes nothing.
class ChangeNotifier {
public:
    explicit ChangeNotifier(const std::filesystem::path& target);
    ~ChangeNotifier();
    ChangeNotifier(const ChangeNotifier&) = delete;
    ChangeNotifier& operator=(const ChangeNotifier&) = delete;

    // Waits up to `timeout` for a change; true when something changed, false on the timeout
    // (or when an interrupt was requested: the caller checks is_interrupted()). Events that
    // came while the caller was busy count: they are read here.
    bool wait(std::chrono::milliseconds timeout);

    // False when changes are found by polling only.
    bool is_notified() const { return m_watch >= 0; }

private:
    bool is_watched_name(std::string_view name) const;

    std::string m_file_name; // the watched file's name; empty when a directory is watched
    int m_fd = -1;
    int m_watch = -1;
};

} // namespace gradepost::util
