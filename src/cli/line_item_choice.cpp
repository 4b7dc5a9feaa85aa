#include "cli/line_item_choice.hpp"

#include "util/ascii.hpp"
#include "util/error.hpp"
#include "util/log.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace gradepost::cli {

namespace {

constexpr std::size_t k_most_labels_listed = 10;

// What was asked for, what the platform has, and the label meant when only case differs.
std::string no_match_message(const LineItemChoice& choice, const std::string& lineitems_url,
                             const std::vector<lti::LineItem>& items) {
    std::string wanted = choice.label.empty() ? "" : fmt::format(" labelled \"{}\"", choice.label);
    std::string message = fmt::format("no line item{} matches in {}", wanted, lineitems_url);
    if (!choice.label.empty())
        for (const auto& item : items)
            if (item.label != choice.label &&
                util::lowercase_ascii(item.label) == util::lowercase_ascii(choice.label)) {
                message += fmt::format("; did you mean \"{}\"?", item.label);
                break;
            }
    if (items.empty()) {
        message += "; the platform lists no line items there";
    } else {
        message += fmt::format("\nline items there ({}):", items.size());
        for (std::size_t i = 0; i < items.size() && i < k_most_labels_listed; ++i)
            message += fmt::format("\n  \"{}\"", items[i].label);
        if (items.size() > k_most_labels_listed)
            message += fmt::format("\n  ... and {} more", items.size() - k_most_labels_listed);
    }
    return message + "\npass --create --max N to create it, or see `gradepost lineitems list`";
}

} // namespace

bool LineItemChoice::is_given() const {
    return !url.empty() || !label.empty() || !tag.empty() || !resource_id.empty() ||
           !resource_link_id.empty();
}

void add_line_item_options(CLI::App& command, LineItemChoice& choice, bool allow_create) {
    command.add_option("--line-item", choice.url, "The line item's URL");
    command.add_option("--label", choice.label, "Find the line item by its label");
    command.add_option("--tag", choice.tag, "Find the line item by its tag");
    command.add_option("--resource-id", choice.resource_id, "Find the line item by resourceId");
    command.add_option("--resource-link-id", choice.resource_link_id,
                       "Find the line item by resourceLinkId");
    if (allow_create)
        command.add_flag("--create", choice.create,
                         "Create the line item when none matches (needs --label and --max)");
}

std::string resolve_line_item(const LineItemChoice& choice, Connection& connection) {
    if (!choice.url.empty())
        return choice.url;
    if (!choice.is_given())
        throw util::UsageError("which line item? give --line-item URL, or --label, --tag, "
                               "--resource-id or --resource-link-id to find it");
    return find_line_item(choice, connection).id;
}

lti::LineItem find_line_item(const LineItemChoice& choice, Connection& connection) {
    auto& client = connection.client();
    lti::LineItemFilter filter{choice.resource_link_id, choice.resource_id, choice.tag, {}};
    auto items = client.list_line_items(connection.lineitems_url(), filter);
    std::vector<lti::LineItem> matching;
    for (auto& item : items)
        if ((choice.label.empty() || item.label == choice.label) &&
            (choice.tag.empty() || item.tag == choice.tag) &&
            (choice.resource_id.empty() || item.resource_id == choice.resource_id) &&
            (choice.resource_link_id.empty() || item.resource_link_id == choice.resource_link_id))
            matching.push_back(std::move(item));

    if (matching.size() == 1)
        return matching.front();
    if (matching.size() > 1) {
        std::string list;
        for (const auto& item : matching)
            list += fmt::format("\n  {}  {}", item.id, item.label);
        throw util::UsageError(fmt::format("{} line items match; pick one with --line-item:{}",
                                           matching.size(), list));
    }
    if (!choice.create)
        throw util::UsageError(no_match_message(choice, connection.lineitems_url(), items));
    if (choice.label.empty() || !choice.maximum)
        throw util::UsageError("--create needs --label and --max");
    lti::LineItem item;
    item.label = choice.label;
    item.score_maximum = *choice.maximum;
    item.tag = choice.tag;
    item.resource_id = choice.resource_id;
    item.resource_link_id = choice.resource_link_id;
    auto created = client.create_line_item(connection.lineitems_url(), item);
    util::info("created line item {} ({})", created.id, created.label);
    return created;
}

} // namespace gradepost::cli
