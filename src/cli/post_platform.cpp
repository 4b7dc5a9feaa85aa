#include "cli/post_platform.hpp"

#include "cli/roster_source.hpp"
#include "util/error.hpp"

namespace gradepost::cli {

PostPlatform::PostPlatform(Connection& connection, LineItemChoice line_item,
                           std::string roster_file, bool is_offline,
                           std::optional<double> line_item_maximum)
    : m_connection(connection), m_line_item(std::move(line_item)),
      m_roster_file(std::move(roster_file)), m_is_offline(is_offline),
      m_maximum(line_item_maximum) {}

std::string PostPlatform::platform_key() {
    return m_connection.platform_key();
}

lti::Platform PostPlatform::platform() {
    return m_connection.platform();
}

lti::GradebookClient& PostPlatform::client() {
    return m_connection.client();
}

model::Roster PostPlatform::roster() {
    if (m_is_offline && m_roster_file.empty())
        throw util::UsageError("--offline cannot fetch the roster: give --roster FILE");
    return load_roster(m_roster_file, m_connection);
}

std::string PostPlatform::line_item() {
    if (!m_is_offline && m_line_item.is_found_by_filters()) {
        auto found = find_line_item(m_line_item, m_connection);
        m_maximum = found.score_maximum;
        return found.id;
    }
    if (!m_is_offline)
        return resolve_line_item(m_line_item, m_connection);
    if (m_line_item.is_found_by_filters())
        throw util::UsageError("--offline cannot look a line item up: give --line-item URL");
    return m_line_item.url;
}

} // namespace gradepost::cli
