#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gradepost::batch {

// One job of a sync manifest: the same words as post's flags (DESIGN.md, "Many line items,
// many runners"). Values are checked, not yet turned into a PostRequest: that needs the
// profile, which the command layer resolves.
struct ManifestJob {
    std::string name;
    std::string profile;   // empty: the default profile
    std::string course;    // fills {course} in the profile's URLs; empty: the profile's
    std::string line_item; // one of line_item, label, wide
    std::string label;
    bool wide = false;
    std::vector<std::string> columns; // with wide: the columns to post (default: all)
    std::vector<std::string> files;
    std::string keep = "highest";
    std::string select = "new";
    std::vector<std::string> map; // FIELD=COLUMN, as --map
    std::optional<double> maximum;
    bool create = false;
};

struct Manifest {
    std::vector<ManifestJob> jobs;
};

// Parses and validates a whole manifest: {"jobs": [{...}, ...]}. `file` names the manifest
// in messages. Throws util::UsageError at the first error, naming the file with line and
// column for bad JSON, and the job (number and name) and the field otherwise.
Manifest parse_manifest(std::string_view text, std::string_view file);

// The jobs named by --only (all when `only` is empty); an unknown name is a usage error.
std::vector<ManifestJob> select_jobs(const Manifest& manifest,
                                     const std::vector<std::string>& only);

} // namespace gradepost::batch
