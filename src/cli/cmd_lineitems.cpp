#include "cli/command.hpp"
#include "cli/connection.hpp"
#include "report/render.hpp"
#include "util/error.hpp"
#include "util/log.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <memory>

namespace gradepost::cli {

namespace {

struct LineItemsOptions {
    std::string tag;
    std::string resource_id;
    std::string resource_link_id;
    std::string label; // list: filter; create: required
    std::optional<int> limit;
    std::optional<double> maximum;
    bool allow_duplicate = false; // create: even when one with this label and resource id exists
};

nlohmann::json to_json(const lti::LineItem& item) {
    nlohmann::json json{
        {"id", item.id}, {"label", item.label}, {"scoreMaximum", item.score_maximum}};
    if (!item.tag.empty())
        json["tag"] = item.tag;
    if (!item.resource_id.empty())
        json["resourceId"] = item.resource_id;
    if (!item.resource_link_id.empty())
        json["resourceLinkId"] = item.resource_link_id;
    return json;
}

void show(const GlobalOptions& globals, const std::vector<lti::LineItem>& items) {
    if (globals.json) {
        auto json = nlohmann::json::array();
        for (const auto& item : items)
            json.push_back(to_json(item));
        std::puts(json.dump(2).c_str());
        return;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& item : items)
        rows.push_back({item.label, report::format_number(item.score_maximum), item.tag,
                        item.resource_id, item.resource_link_id, item.id});
    print(globals,
          report::render_table({"label", "max", "tag", "resource_id", "resource_link_id", "url"},
                               rows, output_style(globals)));
}

int run_list(const GlobalOptions& globals, const LineItemsOptions& options) {
    Connection connection(globals, {std::string(lti::k_scope_lineitem_readonly)});
    lti::LineItemFilter filter{options.resource_link_id, options.resource_id, options.tag,
                               options.limit};
    auto items = connection.client().list_line_items(connection.lineitems_url(), filter);
    if (!options.label.empty())
        std::erase_if(items,
                      [&](const lti::LineItem& item) { return item.label != options.label; });
    show(globals, items);
    return 0;
}

// A line item as `lineitems create` would make it, found by label and resource id (as post
// --create finds its line item), so that running the same create twice makes one.
std::optional<lti::LineItem> existing_line_item(Connection& connection,
                                                const LineItemsOptions& options) {
    lti::LineItemFilter filter{{}, options.resource_id, {}, {}};
    for (auto& item : connection.client().list_line_items(connection.lineitems_url(), filter))
        if (item.label == options.label && item.resource_id == options.resource_id)
            return std::move(item);
    return std::nullopt;
}

int run_create(const GlobalOptions& globals, const LineItemsOptions& options) {
    Connection connection(globals, {std::string(lti::k_scope_lineitem)});
    if (!options.allow_duplicate) {
        if (auto existing = existing_line_item(connection, options)) {
            util::warn("line item \"{}\" already exists ({}); nothing created (--allow-duplicate "
                       "creates another)",
                       existing->label, existing->id);
            if (existing->score_maximum != *options.maximum)
                util::warn("it is out of {}, not {}",
                           report::format_number(existing->score_maximum),
                           report::format_number(*options.maximum));
            show(globals, {*existing});
            return 0;
        }
    }
    lti::LineItem item;
    item.label = options.label;
    item.score_maximum = *options.maximum;
    item.tag = options.tag;
    item.resource_id = options.resource_id;
    item.resource_link_id = options.resource_link_id;
    auto created = connection.client().create_line_item(connection.lineitems_url(), item);
    show(globals, {created});
    return 0;
}

void add_filters(CLI::App& command, LineItemsOptions& options) {
    command.add_option("--tag", options.tag, "Line item tag");
    command.add_option("--resource-id", options.resource_id, "The tool's resource id");
    command.add_option("--resource-link-id", options.resource_link_id, "The resource link id");
}

} // namespace

void add_lineitems_command(CLI::App& app, GlobalOptions& globals, Action& action) {
    // Options live as long as the app's callbacks that hold them, so run() can be called again.
    auto list_options = std::make_shared<LineItemsOptions>();
    auto create_options = std::make_shared<LineItemsOptions>();
    auto* lineitems =
        app.add_subcommand("lineitems", "List or create line items (gradebook columns)");
    lineitems->footer("Examples:\n  gradepost lineitems list --tag quiz\n"
                      "  gradepost lineitems create --label \"Week 3 quiz\" --max 20 --tag quiz\n"
                      "(create makes nothing when that label and resource id exist already;\n"
                      " --allow-duplicate creates another)");

    auto* list = lineitems->add_subcommand("list", "List the line items of the context");
    add_filters(*list, *list_options);
    list->add_option("--label", list_options->label, "Only line items with this label");
    list->add_option("--limit", list_options->limit, "Page size asked of the platform")
        ->check(CLI::PositiveNumber);
    list->footer("Example:\n  gradepost lineitems list --label \"Week 3 quiz\" --json");
    list->callback([&globals, &action, list_options] {
        action = [&globals, list_options] { return run_list(globals, *list_options); };
    });

    auto* create = lineitems->add_subcommand("create", "Create a line item");
    create->add_option("--label", create_options->label, "Label shown in the gradebook")
        ->required();
    create->add_option("--max", create_options->maximum, "scoreMaximum")
        ->required()
        ->check(CLI::PositiveNumber);
    add_filters(*create, *create_options);
    create->add_flag("--allow-duplicate", create_options->allow_duplicate,
                     "Create it even when a line item with this label and resource id exists");
    create->footer(
        "Example:\n  gradepost lineitems create --label \"Week 3 quiz\" --max 20 --tag quiz\n"
        "  gradepost lineitems create --label \"Week 3 quiz\" --max 20 --allow-duplicate");
    create->callback([&globals, &action, create_options] {
        action = [&globals, create_options] { return run_create(globals, *create_options); };
    });

    // `gradepost lineitems` alone lists.
    lineitems->callback([&globals, &action, list_options] {
        if (!action)
            action = [&globals, list_options] { return run_list(globals, *list_options); };
    });
}

} // namespace gradepost::cli
