#pragma once

#include <string>
#include <string_view>

// The LTIAAS API's URLs, built from the profile's LTIAAS base (https://tool.ltiaas.com).
// Line items are named by their LMS URL, which goes into the path percent-encoded as one
// segment; the LMS's paging URLs go back to the same endpoint as `?url=`.
namespace gradepost::lti {

// {base}/api/lineitems
std::string ltiaas_line_items_url(std::string_view base_url);
// {base}/api/lineitems/{percent-encoded line item URL}
std::string ltiaas_line_item_url(std::string_view base_url, std::string_view line_item_id);
// {base}/api/lineitems/{percent-encoded line item URL}/scores
std::string ltiaas_scores_url(std::string_view base_url, std::string_view line_item_id);
// {base}/api/memberships
std::string ltiaas_memberships_url(std::string_view base_url);
// The page at the LMS's `lms_page_url`, asked of `endpoint` (its query dropped): endpoint?url=…
std::string ltiaas_page_url(std::string_view endpoint, std::string_view lms_page_url);

} // namespace gradepost::lti
