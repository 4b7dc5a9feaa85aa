#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gradepost::lti {

// The platforms whose quirks gradepost knows (DESIGN.md, "Platform profiles").
enum class Platform { generic, canvas, moodle, blackboard, brightspace, sakai, openedx };

std::optional<Platform> parse_platform(std::string_view name);
std::string_view to_string(Platform platform);

// Guesses from the token and line item URLs ("instructure.com" → canvas,
// "/mod/lti/" → moodle, ...); generic when nothing matches.
Platform guess_platform(std::string_view token_url, std::string_view lineitems_url);

} // namespace gradepost::lti
