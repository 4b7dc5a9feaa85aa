#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gradepost::lti {

// The platforms whose quirks gradepost knows (DESIGN.md, "Platform profiles").
enum class Platform { generic, canvas, moodle, blackboard, brightspace, sakai, openedx };

std::optional<Platform> parse_platform(std::string_view name);
std::string_view to_string(Platform platform);

// The audience a client assertion must name on this platform when the profile gives none:
// Brightspace's own (its token URL is auth.brightspace.com, the audience api.brightspace.com);
// empty elsewhere, where the token URL is the audience.
std::string_view default_token_audience(Platform platform);

// Guesses from the token and line item URLs ("instructure.com" → canvas,
// "/mod/lti/" → moodle, ...); generic when nothing matches.
Platform guess_platform(std::string_view token_url, std::string_view lineitems_url);

} // namespace gradepost::lti
