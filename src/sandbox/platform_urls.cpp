#include "sandbox/platform_urls.hpp"

#include <fmt/format.h>

#include <cctype>

namespace gradepost::sandbox {

namespace {

constexpr std::string_view k_moodle_type = "?type_id=1";

std::string regex_escape(std::string_view text) {
    std::string escaped;
    for (char c : text) {
        if (std::string_view(".^$|()[]{}*+?\\-").find(c) != std::string_view::npos)
            escaped.push_back('\\');
        escaped.push_back(c);
    }
    return escaped;
}

} // namespace

PlatformUrls::PlatformUrls(std::string base_url, std::string course_id, bool is_moodle)
    : m_base_url(std::move(base_url)), m_course_id(std::move(course_id)), m_is_moodle(is_moodle) {}

std::string PlatformUrls::token_path() const {
    return m_is_moodle ? "/mod/lti/token.php" : "/token";
}

std::string PlatformUrls::lineitems_url() const {
    return m_is_moodle ? fmt::format("{}/mod/lti/services.php/{}/lineitems{}", m_base_url,
                                     m_course_id, k_moodle_type)
                       : fmt::format("{}/api/lti/courses/{}/line_items", m_base_url, m_course_id);
}

std::string PlatformUrls::lineitem_base(int id) const {
    return m_is_moodle
               ? fmt::format("{}/mod/lti/services.php/{}/lineitems/{}/lineitem", m_base_url,
                             m_course_id, id)
               : fmt::format("{}/api/lti/courses/{}/line_items/{}", m_base_url, m_course_id, id);
}

std::string PlatformUrls::lineitem_url(int id) const {
    return lineitem_base(id) + (m_is_moodle ? std::string(k_moodle_type) : "");
}

std::string PlatformUrls::scores_url(int id) const {
    return lineitem_base(id) + "/scores" + (m_is_moodle ? std::string(k_moodle_type) : "");
}

std::string PlatformUrls::results_url(int id) const {
    return lineitem_base(id) + "/results" + (m_is_moodle ? std::string(k_moodle_type) : "");
}

std::string PlatformUrls::result_url(int id, std::string_view user_id) const {
    if (m_is_moodle)
        return with_query(results_url(id), {{"user_id", std::string(user_id)}});
    return results_url(id) + "/" + percent_encode(user_id);
}

std::string PlatformUrls::memberships_url() const {
    return m_is_moodle
               ? fmt::format("{}/mod/lti/services.php/CourseSection/{}/bindings/1/memberships",
                             m_base_url, m_course_id)
               : fmt::format("{}/api/lti/courses/{}/names_and_roles", m_base_url, m_course_id);
}

std::string PlatformUrls::lineitems_pattern() const {
    return m_is_moodle
               ? fmt::format("/mod/lti/services.php/{}/lineitems", regex_escape(m_course_id))
               : fmt::format("/api/lti/courses/{}/line_items", regex_escape(m_course_id));
}

std::string PlatformUrls::lineitem_pattern() const {
    return m_is_moodle ? lineitems_pattern() + R"(/(\d+)/lineitem)"
                       : lineitems_pattern() + R"(/(\d+))";
}

std::string PlatformUrls::scores_pattern() const {
    return lineitem_pattern() + "/scores";
}

std::string PlatformUrls::results_pattern() const {
    return lineitem_pattern() + "/results";
}

std::string PlatformUrls::memberships_pattern() const {
    return m_is_moodle
               ? fmt::format("/mod/lti/services.php/CourseSection/{}/bindings/1/memberships",
                             regex_escape(m_course_id))
               : fmt::format("/api/lti/courses/{}/names_and_roles", regex_escape(m_course_id));
}

std::string percent_encode(std::string_view text) {
    std::string encoded;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
            encoded.push_back(static_cast<char>(c));
        else
            encoded += fmt::format("%{:02X}", c);
    }
    return encoded;
}

std::string with_query(std::string url, const QueryParams& params) {
    for (const auto& [name, value] : params) {
        url += url.find('?') == std::string::npos ? '?' : '&';
        url += percent_encode(name) + "=" + percent_encode(value);
    }
    return url;
}

} // namespace gradepost::sandbox
