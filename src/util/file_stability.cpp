#include "util/file_stability.hpp"

#include <algorithm>
#include <system_error>

namespace gradepost::util {

std::optional<FileLook> look_at(const std::filesystem::path& file) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error))
        return std::nullopt;
    auto size = std::filesystem::file_size(file, error);
    if (error)
        return std::nullopt;
    auto modified = std::filesystem::last_write_time(file, error);
    if (error)
        return std::nullopt;
    auto nanoseconds =
        std::chrono::duration_cast<std::chrono::nanoseconds>(modified.time_since_epoch());
    return FileLook{size, nanoseconds.count()};
}

bool StabilityTracker::is_ready(const std::filesystem::path& file, std::optional<FileLook> look,
                                Instant now) {
    if (!look) {
        m_seen.erase(file);
        return false;
    }
    auto found = m_seen.find(file);
    if (found == m_seen.end()) {
        m_seen.emplace(file, Seen{*look, now, std::nullopt});
        return false; // seen once: it may still be growing
    }
    auto& seen = found->second;
    if (seen.look != *look) {
        seen.look = *look;
        seen.since = now;
        return false;
    }
    if (now - seen.since < m_settle || seen.handed_out == *look)
        return false;
    seen.handed_out = *look;
    return true;
}

bool StabilityTracker::is_settling() const {
    return std::any_of(m_seen.begin(), m_seen.end(), [](const auto& entry) {
        return entry.second.handed_out != entry.second.look;
    });
}

std::vector<std::filesystem::path> watched_files(const std::filesystem::path& target) {
    std::error_code error;
    if (std::filesystem::is_regular_file(target, error))
        return {target};
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(target, error)) {
        auto extension = entry.path().extension();
        if (entry.is_regular_file(error) &&
            (extension == ".csv" || extension == ".json" || extension == ".ndjson"))
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace gradepost::util
