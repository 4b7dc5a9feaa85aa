#include "lti/platform.hpp"
#include "util/ascii.hpp"

#include <array>
#include <string>
#include <utility>

namespace gradepost::lti {

namespace {

constexpr std::array<std::pair<Platform, std::string_view>, 7> k_names{{
    {Platform::generic, "generic"},
    {Platform::canvas, "canvas"},
    {Platform::moodle, "moodle"},
    {Platform::blackboard, "blackboard"},
    {Platform::brightspace, "brightspace"},
    {Platform::sakai, "sakai"},
    {Platform::openedx, "openedx"},
}};

} // namespace

std::optional<Platform> parse_platform(std::string_view name) {
    std::string wanted = util::lowercase_ascii(name);
    for (const auto& [platform, platform_name] : k_names)
        if (wanted == platform_name)
            return platform;
    return std::nullopt;
}

std::string_view to_string(Platform platform) {
    for (const auto& [candidate, name] : k_names)
        if (candidate == platform)
            return name;
    return "generic";
}

std::string_view default_token_audience(Platform platform) {
    return platform == Platform::brightspace ? "https://api.brightspace.com/auth/token" : "";
}

Platform guess_platform(std::string_view token_url, std::string_view lineitems_url) {
    // Canvas's token URL (sso.canvaslms.com) says nothing of the school, so look at both.
    std::string urls =
        util::lowercase_ascii(token_url) + " " + util::lowercase_ascii(lineitems_url);
    auto has = [&](std::string_view part) { return urls.find(part) != std::string::npos; };
    if (has("instructure.com") || has("canvas"))
        return Platform::canvas;
    if (has("/mod/lti/"))
        return Platform::moodle;
    if (has("blackboard.com") || has("/learn/api/"))
        return Platform::blackboard;
    if (has("brightspace") || has("d2l"))
        return Platform::brightspace;
    if (has("sakai"))
        return Platform::sakai;
    if (has("openedx") || has("/api/lti_consumer/"))
        return Platform::openedx;
    return Platform::generic;
}

} // namespace gradepost::lti
