#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gradepost::lti {

// URL building for AGS endpoints, which may carry a query string of their own (Moodle's
// `?type_id=2`): paths are appended before the query, parameters after it with `&`.
// Pure string functions; URLs are taken as the platform wrote them, never re-encoded.

// RFC 3986 percent-encoding: everything but ALPHA / DIGIT / "-" / "." / "_" / "~".
std::string percent_encode(std::string_view text);

// application/x-www-form-urlencoded body from name/value pairs, in the order given.
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

// `https://m/x/lineitems/3/lineitem?type_id=2` + `scores` →
// `https://m/x/lineitems/3/lineitem/scores?type_id=2`. Exactly one `/` joins them.
std::string append_path(std::string_view url, std::string_view segment);

// Adds `name=value` (percent-encoded) to the query, with `?` or `&` as needed, before any
// fragment.
std::string add_query(std::string_view url, std::string_view name, std::string_view value);

// Resolves `reference` (absolute, scheme-relative, absolute-path, query-only or relative
// path, as RFC 3986 §5.2) against `base`, the URL of the request it came from.
std::string resolve_url(std::string_view base, std::string_view reference);

} // namespace gradepost::lti
