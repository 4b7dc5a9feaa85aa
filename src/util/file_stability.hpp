#pragma once

#include "util/clock.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <vector>

namespace gradepost::util {

// What a watched file looks like at one look: an exporter still writing changes its size or
// modification time between looks.
struct FileLook {
    std::uintmax_t size = 0;
    std::int64_t modified_ns = 0;

    bool operator==(const FileLook&) const = default;
};

// The look of `file`, or nothing when it does not exist (or is not a regular file).
std::optional<FileLook> look_at(const std::filesystem::path& file);

// Decides when a watched export is ready to read: it has looked the same for `settle` (so a
// half-written export is not read) and differs from the look last handed out (so an
// unchanged file is not read again). Pure: looks and times come from the caller.
class StabilityTracker {
public:
    explicit StabilityTracker(std::chrono::microseconds settle) : m_settle(settle) {}

    // Records the look of `file` at `now`; true when the file is ready: stable and new.
    // A file that becomes ready is remembered as handed out at that look.
    bool is_ready(const std::filesystem::path& file, std::optional<FileLook> look, Instant now);

    // True while a file seen is new or changed but not yet handed out: worth another look soon.
    bool is_settling() const;

private:
    struct Seen {
        FileLook look;
        Instant since;
        std::optional<FileLook> handed_out;
    };

    std::chrono::microseconds m_settle;
    std::map<std::filesystem::path, Seen> m_seen;
};

// The regular files of `target`: itself when it is a file, else the files directly in it
// whose names end in .csv, .json or .ndjson, sorted by name.
std::vector<std::filesystem::path> watched_files(const std::filesystem::path& target);

} // namespace gradepost::util
