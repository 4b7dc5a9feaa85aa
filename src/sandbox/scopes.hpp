#pragma once

#include <set>
#include <string>
#include <string_view>

namespace gradepost::sandbox {

inline constexpr std::string_view k_scope_lineitem =
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
inline constexpr std::string_view k_scope_lineitem_readonly =
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly";
inline constexpr std::string_view k_scope_result_readonly =
    "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly";
inline constexpr std::string_view k_scope_score =
    "https://purl.imsglobal.org/spec/lti-ags/scope/score";
inline constexpr std::string_view k_scope_memberships =
    "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";

using ScopeSet = std::set<std::string, std::less<>>;

// The five AGS and NRPS scopes.
ScopeSet all_scopes();

// Reads a --scopes list (comma or space separated) of scope URIs or their short names
// (lineitem, lineitem.readonly, result.readonly, score, contextmembership.readonly);
// empty text means all. Throws util::UsageError on an unknown scope.
ScopeSet parse_scope_list(std::string_view text);

// Splits the space-separated `scope` parameter of a token request.
ScopeSet split_scopes(std::string_view text);

std::string join_scopes(const ScopeSet& scopes);

} // namespace gradepost::sandbox
