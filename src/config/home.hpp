#pragma once

#include <optional>
#include <string>

namespace gradepost::config {

// Replaces a leading `~` or `~/` with `home`; other paths (and `~user`) come back unchanged,
// as do all paths when `home` is unknown.
std::string expand_home(const std::string& path, const std::optional<std::string>& home);

} // namespace gradepost::config
