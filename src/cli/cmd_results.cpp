#include "cli/command.hpp"
#include "cli/connection.hpp"
#include "cli/line_item_choice.hpp"
#include "report/csv.hpp"
#include "report/render.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <nlohmann/json.hpp>

namespace gradepost::cli {

namespace {

struct ResultsOptions {
    LineItemChoice line_item;
    std::string user;
    bool csv = false;
};

std::string number_or_empty(const std::optional<double>& value) {
    return value ? report::format_number(*value) : "";
}

int run_results(const GlobalOptions& globals, const ResultsOptions& options) {
    std::vector<std::string> scopes{std::string(lti::k_scope_result_readonly)};
    if (options.line_item.is_found_by_filters())
        scopes.emplace_back(lti::k_scope_lineitem_readonly);
    Connection connection(globals, scopes);
    auto url = resolve_line_item(options.line_item, connection);
    std::optional<std::string> user;
    if (!options.user.empty())
        user = options.user;
    auto results = connection.client().results(url, user);

    if (globals.json) {
        auto json = nlohmann::json::array();
        for (const auto& result : results) {
            nlohmann::json row{{"user_id", result.user_id}};
            if (result.result_score)
                row["result_score"] = *result.result_score;
            if (result.result_maximum)
                row["result_maximum"] = *result.result_maximum;
            if (!result.comment.empty())
                row["comment"] = result.comment;
            if (!result.timestamp.empty())
                row["timestamp"] = result.timestamp;
            json.push_back(row);
        }
        std::puts(json.dump(2).c_str());
        return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& result : results)
        rows.push_back({result.user_id, number_or_empty(result.result_score),
                        number_or_empty(result.result_maximum), result.comment, result.timestamp});
    std::vector<std::string> headers{"user_id", "score", "max", "comment", "timestamp"};
    if (options.csv) {
        std::string text = report::render_csv(headers, rows);
        std::fwrite(text.data(), 1, text.size(), stdout);
        return 0;
    }
    print(globals, report::render_table(headers, rows, output_style(globals)));
    return 0;
}

} // namespace

void add_results_command(CLI::App& app, GlobalOptions& globals, Action& action) {
    auto options = std::make_shared<ResultsOptions>();
    auto* results =
        app.add_subcommand("results", "Fetch the results (current grades) of a line item");
    add_line_item_options(*results, options->line_item, false);
    results->add_option("--user", options->user, "Only this user's result");
    results->add_flag("--csv", options->csv, "Print CSV instead of a table");
    results->footer("Example:\n  gradepost results --label \"Week 3 quiz\" --csv > week3-lms.csv");
    results->callback(
        [&, options] { action = [&, options] { return run_results(globals, *options); }; });
}

} // namespace gradepost::cli
