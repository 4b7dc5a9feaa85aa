#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The URLs of the sandbox platform. Generic (strict, canvas, openedx):
//   token        /token
//   line items   /api/lti/courses/{course}/line_items
//   line item    /api/lti/courses/{course}/line_items/{id}   (+ /scores, /results)
//   memberships  /api/lti/courses/{course}/names_and_roles
// Moodle:
//   token        /mod/lti/token.php
//   line items   /mod/lti/services.php/{course}/lineitems?type_id=1
//   line item    /mod/lti/services.php/{course}/lineitems/{id}/lineitem?type_id=1
//                (scores and results: …/lineitem/scores?type_id=1, …/lineitem/results?type_id=1)
//   memberships  /mod/lti/services.php/CourseSection/{course}/bindings/1/memberships
namespace gradepost::sandbox {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

class PlatformUrls {
public:
    PlatformUrls(std::string base_url, std::string course_id, bool is_moodle);

    const std::string& base_url() const { return m_base_url; }
    std::string token_url() const { return m_base_url + token_path(); }
    std::string lineitems_url() const;
    std::string lineitem_url(int id) const;
    std::string scores_url(int id) const;
    std::string results_url(int id) const;
    std::string result_url(int id, std::string_view user_id) const;
    std::string memberships_url() const;

    // Regular expressions on the path (no query) for the router; the line item patterns
    // capture the id.
    std::string token_path() const;
    std::string lineitems_pattern() const;
    std::string lineitem_pattern() const;
    std::string scores_pattern() const;
    std::string results_pattern() const;
    std::string memberships_pattern() const;

private:
    std::string lineitem_base(int id) const;

    std::string m_base_url;
    std::string m_course_id;
    bool m_is_moodle;
};

// Appends the parameters to the URL's query string, percent-encoded.
std::string with_query(std::string url, const QueryParams& params);
std::string percent_encode(std::string_view text);

} // namespace gradepost::sandbox
