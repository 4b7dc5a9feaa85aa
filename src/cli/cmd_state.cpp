#include "cli/command.hpp"
#include "cli/connection.hpp"
#include "report/render.hpp"
#include "state/ledger.hpp"
#include "util/error.hpp"
#include "util/time_format.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <memory>

namespace gradepost::cli {

namespace {

struct StateOptions {
    std::string line_item;
    std::string user;
    bool yes = false;
};

std::string_view state_name(model::PostState state) {
    switch (state) {
    case model::PostState::pending:
        return "pending";
    case model::PostState::failed:
        return "failed";
    case model::PostState::posted:
        break;
    }
    return "posted";
}

std::vector<state::LineItemSummary> line_items_named(const state::Ledger& ledger,
                                                     const std::string& url) {
    auto items = ledger.line_items();
    if (!url.empty())
        std::erase_if(items,
                      [&](const state::LineItemSummary& item) { return item.line_item != url; });
    return items;
}

int show_line_items(const GlobalOptions& globals,
                    const std::vector<state::LineItemSummary>& items) {
    if (globals.json) {
        auto json = nlohmann::json::array();
        for (const auto& item : items) {
            nlohmann::json row{{"platform", item.platform}, {"line_item", item.line_item},
                               {"students", item.students}, {"posted", item.posted},
                               {"pending", item.pending},   {"failed", item.failed}};
            if (item.last_post)
                row["last_post"] = util::format_iso8601(*item.last_post);
            json.push_back(row);
        }
        std::puts(json.dump(2).c_str());
        return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& item : items)
        rows.push_back({item.line_item, std::to_string(item.students), std::to_string(item.posted),
                        std::to_string(item.pending), std::to_string(item.failed),
                        item.last_post ? util::format_iso8601(*item.last_post) : ""});
    print(globals, report::render_table(
                       {"line_item", "students", "posted", "pending", "failed", "last_post"}, rows,
                       output_style(globals)));
    return 0;
}

int show_students(const GlobalOptions& globals, const state::Ledger& ledger,
                  const std::vector<state::LineItemSummary>& items, const std::string& user) {
    auto json = nlohmann::json::array();
    std::vector<std::vector<std::string>> rows;
    for (const auto& item : items) {
        for (const auto& [user_id, entry] : ledger.entries({item.platform, item.line_item})) {
            if (!user.empty() && user_id != user)
                continue;
            const auto& posted = entry.last_posted;
            std::string given =
                posted && posted->given ? report::format_number(*posted->given) : "";
            std::string maximum =
                posted && posted->maximum ? report::format_number(*posted->maximum) : "";
            std::string sent = posted ? util::format_iso8601(posted->timestamp) : "";
            nlohmann::json row{{"line_item", item.line_item},
                               {"user_id", user_id},
                               {"state", state_name(entry.state)},
                               {"http_status", entry.http_status}};
            if (posted && posted->given)
                row["score_given"] = *posted->given;
            if (posted && posted->maximum)
                row["score_maximum"] = *posted->maximum;
            if (posted)
                row["timestamp"] = sent;
            if (!entry.error.empty())
                row["error"] = entry.error;
            json.push_back(row);
            rows.push_back({user_id, std::string(state_name(entry.state)),
                            given.empty() ? "" : given + " / " + maximum, sent,
                            entry.http_status ? std::to_string(entry.http_status) : "",
                            entry.error});
        }
    }
    if (globals.json)
        std::puts(json.dump(2).c_str());
    else
        print(globals, report::render_table(
                           {"student", "state", "last posted", "timestamp", "http", "error"}, rows,
                           output_style(globals)));
    return 0;
}

int run_show(const GlobalOptions& globals, const StateOptions& options) {
    auto ledger = state::Ledger::open_read_only(state_path(globals));
    auto items = line_items_named(ledger, options.line_item);
    if (options.line_item.empty() && options.user.empty())
        return show_line_items(globals, items);
    return show_students(globals, ledger, items, options.user);
}

int run_forget(const GlobalOptions& globals, const StateOptions& options) {
    auto path = state_path(globals);
    auto items = line_items_named(state::Ledger::open_read_only(path), options.line_item);
    if (items.empty())
        throw util::UsageError("the ledger " + state::Ledger::display_name(path) +
                               " has nothing for " + options.line_item);
    std::string what = options.user.empty() ? "every student of " + options.line_item
                                            : "user " + options.user + " on " + options.line_item;
    if (!options.yes) {
        if (!isatty(STDIN_FILENO))
            throw util::UsageError("forgetting " + what + " needs --yes when not on a terminal");
        if (!confirm("Forget " + what + "? The next post will treat them as new."))
            throw util::UsageError("not confirmed; nothing was forgotten");
    }
    auto ledger = state::Ledger::open(path);
    std::size_t removed = 0;
    std::optional<std::string> user;
    if (!options.user.empty())
        user = options.user;
    for (const auto& item : items)
        removed += ledger.forget({item.platform, item.line_item}, user);
    if (globals.json)
        std::puts(nlohmann::json{{"forgotten", removed}}.dump().c_str());
    else
        print(globals, fmt::format("forgot {} entries ({})", removed, what));
    return 0;
}

} // namespace

void add_state_command(CLI::App& app, GlobalOptions& globals, Action& action) {
    // Options live as long as the app's callbacks that hold them, so run() can be called again.
    auto show_options = std::make_shared<StateOptions>();
    auto forget_options = std::make_shared<StateOptions>();
    auto* state = app.add_subcommand("state", "Inspect or edit the local ledger of posted scores");
    state->require_subcommand(1);
    state->footer(
        "Examples:\n  gradepost state show\n  gradepost state show --line-item URL --json\n"
        "  gradepost state forget --line-item URL --user 1001 --yes\n"
        "  gradepost state migrate --to postgresql://grader@db.example:5432/gradepost");

    auto* show =
        state->add_subcommand("show", "Line items in the ledger, or one line item's students");
    show->add_option("--line-item", show_options->line_item, "Show this line item's students");
    show->add_option("--user", show_options->user, "Show only this user");
    show->footer("Example:\n  gradepost state show --line-item URL --user 1001 --json");
    show->callback([&globals, &action, show_options] {
        action = [&globals, show_options] { return run_show(globals, *show_options); };
    });

    auto* forget = state->add_subcommand("forget", "Remove a line item's entries, or one user's");
    forget->add_option("--line-item", forget_options->line_item, "The line item's URL")->required();
    forget->add_option("--user", forget_options->user, "Only this user");
    forget->add_flag("-y,--yes", forget_options->yes, "Do not ask for confirmation");
    forget->footer("Example:\n  gradepost state forget --line-item URL --user 1001 --yes");
    forget->callback([&globals, &action, forget_options] {
        action = [&globals, forget_options] { return run_forget(globals, *forget_options); };
    });

    add_state_adopt_command(*state, globals, action);
    add_state_migrate_command(*state, globals, action);
}

} // namespace gradepost::cli
