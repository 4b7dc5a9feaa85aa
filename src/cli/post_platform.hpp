#pragma once

#include "batch/platform_port.hpp"
#include "cli/connection.hpp"
#include "cli/line_item_choice.hpp"

#include <optional>
#include <string>

namespace gradepost::cli {

// The platform side of a post over the command's connection: the roster from --roster or
// NRPS, the line item from --line-item or found (or created) by the filters. Offline, the
// line item is --line-item as given and nothing is contacted. `line_item_maximum`: that of
// a line item the caller already found by its label (a wide run resolves every column's
// line item before posting), for the maximum-mismatch warning.
class PostPlatform : public batch::PlatformPort {
public:
    PostPlatform(Connection& connection, LineItemChoice line_item, std::string roster_file,
                 bool is_offline, std::optional<double> line_item_maximum = std::nullopt);

    std::string platform_key() override;
    lti::Platform platform() override;
    lti::GradebookClient& client() override;
    model::Roster roster() override;
    std::string line_item() override;
    std::optional<double> line_item_maximum() override { return m_maximum; }

private:
    Connection& m_connection;
    LineItemChoice m_line_item;
    std::string m_roster_file;
    bool m_is_offline;
    std::optional<double> m_maximum; // of the line item found or created
};

} // namespace gradepost::cli
