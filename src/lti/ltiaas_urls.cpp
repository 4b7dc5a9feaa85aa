#include "lti/ltiaas_urls.hpp"

#include "lti/url.hpp"

namespace gradepost::lti {

namespace {

std::string api_url(std::string_view base_url, std::string_view path) {
    while (!base_url.empty() && base_url.back() == '/')
        base_url.remove_suffix(1);
    return std::string(base_url) + std::string(path);
}

} // namespace

std::string ltiaas_line_items_url(std::string_view base_url) {
    return api_url(base_url, "/api/lineitems");
}

std::string ltiaas_line_item_url(std::string_view base_url, std::string_view line_item_id) {
    return ltiaas_line_items_url(base_url) + "/" + percent_encode(line_item_id);
}

std::string ltiaas_scores_url(std::string_view base_url, std::string_view line_item_id) {
    return ltiaas_line_item_url(base_url, line_item_id) + "/scores";
}

std::string ltiaas_memberships_url(std::string_view base_url) {
    return api_url(base_url, "/api/memberships");
}

std::string ltiaas_page_url(std::string_view endpoint, std::string_view lms_page_url) {
    // The filters of the first request are in the LMS's page URL already.
    auto query = endpoint.find_first_of("?#");
    if (query != std::string_view::npos)
        endpoint = endpoint.substr(0, query);
    return add_query(endpoint, "url", lms_page_url);
}

} // namespace gradepost::lti
