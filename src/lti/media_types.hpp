#pragma once

#include <string_view>

namespace gradepost::lti {

// The media types of AGS 2.0 and NRPS 2.0. Requests name the exact type in Accept (Moodle
// answers 400 to `*/*`); answers labelled plain application/json are accepted too.
inline constexpr std::string_view k_media_line_item_container =
    "application/vnd.ims.lis.v2.lineitemcontainer+json";
inline constexpr std::string_view k_media_line_item = "application/vnd.ims.lis.v2.lineitem+json";
inline constexpr std::string_view k_media_score = "application/vnd.ims.lis.v1.score+json";
inline constexpr std::string_view k_media_result_container =
    "application/vnd.ims.lis.v2.resultcontainer+json";
inline constexpr std::string_view k_media_membership_container =
    "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";

} // namespace gradepost::lti
