#pragma once

#include "cli/connection.hpp"

#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace gradepost::cli {

// How a command names its line item: by URL, or by what identifies it in the container.
struct LineItemChoice {
    std::string url;               // --line-item
    std::string label;             // --label
    std::string tag;               // --tag
    std::string resource_id;       // --resource-id
    std::string resource_link_id;  // --resource-link-id
    bool create = false;           // --create (post only)
    std::optional<double> maximum; // --max, for --create

    bool is_given() const;
    bool is_found_by_filters() const { return url.empty() && is_given(); }
};

void add_line_item_options(CLI::App& command, LineItemChoice& choice, bool allow_create);

// The line item's URL: --line-item as given, else the one item of the container matching
// the filters (created with --create when none does). Throws util::UsageError when none or
// several match. The connection's scopes must include lineitem(.readonly) to find one.
std::string resolve_line_item(const LineItemChoice& choice, Connection& connection);

// The one line item of the container matching the filters (created with --create when none
// does), for a choice that is_found_by_filters(). Throws as resolve_line_item does.
lti::LineItem find_line_item(const LineItemChoice& choice, Connection& connection);

} // namespace gradepost::cli
