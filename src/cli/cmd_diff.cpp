#include "batch/plan.hpp"
#include "batch/reconcile.hpp"
#include "cli/command.hpp"
#include "cli/connection.hpp"
#include "cli/input_options.hpp"
#include "cli/line_item_choice.hpp"
#include "cli/roster_source.hpp"
#include "report/render.hpp"
#include "util/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>
#include <nlohmann/json.hpp>

#include <map>

namespace gradepost::cli {

namespace {

struct DiffOptions {
    InputOptions input;
    LineItemChoice line_item;
    bool show_equal = false;
    bool exit_code = false; // --exit-code: 1 when any student differs, as git diff
};

struct DiffRow {
    std::string user_id;
    std::optional<double> file_given, file_maximum, lms_given, lms_maximum;
    std::string status; // only_in_file, only_in_lms, equal, different
};

std::vector<DiffRow> compare(const std::vector<model::KeptScore>& kept,
                             const std::vector<lti::Result>& results) {
    std::map<std::string, const lti::Result*> result_of;
    for (const auto& result : results)
        if (result.result_score)
            result_of[result.user_id] = &result;
    std::vector<DiffRow> rows;
    for (const auto& score : kept) {
        if (score.kind != model::KeptKind::graded)
            continue;
        DiffRow row{score.user_id, score.given, score.maximum, {}, {}, "only_in_file"};
        if (auto found = result_of.find(score.user_id); found != result_of.end()) {
            row.lms_given = found->second->result_score;
            row.lms_maximum = found->second->result_maximum;
            row.status = batch::result_holds(*found->second, score.given, score.maximum)
                             ? "equal"
                             : "different";
            result_of.erase(found);
        }
        rows.push_back(std::move(row));
    }
    for (const auto& [user_id, result] : result_of)
        rows.push_back(
            {user_id, {}, {}, result->result_score, result->result_maximum, "only_in_lms"});
    return rows;
}

std::string score_text(const std::optional<double>& given, const std::optional<double>& maximum) {
    if (!given)
        return "";
    return report::format_number(*given) + (maximum ? " / " + report::format_number(*maximum) : "");
}

int run_diff(const GlobalOptions& globals, DiffOptions options) {
    std::vector<std::string> scopes{std::string(lti::k_scope_result_readonly)};
    if (options.line_item.is_found_by_filters())
        scopes.emplace_back(lti::k_scope_lineitem_readonly);
    if (options.input.needs_nrps())
        scopes.emplace_back(lti::k_scope_nrps);
    if (options.input.files.empty())
        throw util::UsageError("which export? give FILE...");
    Connection connection(globals, scopes);

    auto request = plan_request(options.input);
    model::Roster roster;
    if (request.match && *request.match != batch::MatchField::user_id)
        roster = load_roster(options.input.roster_file, connection);
    auto scores = batch::read_and_keep(request, roster);
    auto url = resolve_line_item(options.line_item, connection);
    auto rows = compare(scores.kept, connection.client().results(url, std::nullopt));

    std::map<std::string, std::size_t> counts;
    for (const auto& row : rows)
        ++counts[row.status];
    // A kept score the LMS lacks differs too; an LMS grade without a kept score does not.
    int status = options.exit_code && (counts["different"] + counts["only_in_file"]) > 0
                     ? static_cast<int>(util::ExitCode::some_failed)
                     : 0;
    if (globals.json) {
        nlohmann::json json{{"command", "diff"}, {"line_item", url}, {"counts", counts}};
        json["students"] = nlohmann::json::array();
        for (const auto& row : rows) {
            nlohmann::json item{{"user_id", row.user_id}, {"status", row.status}};
            if (row.file_given)
                item["file_score"] = *row.file_given, item["file_maximum"] = *row.file_maximum;
            if (row.lms_given)
                item["lms_score"] = *row.lms_given;
            if (row.lms_maximum)
                item["lms_maximum"] = *row.lms_maximum;
            json["students"].push_back(item);
        }
        std::puts(json.dump(2).c_str());
        return status;
    }
    std::vector<std::vector<std::string>> table;
    for (const auto& row : rows)
        if (row.status != "equal" || options.show_equal)
            table.push_back({row.user_id, score_text(row.file_given, row.file_maximum),
                             score_text(row.lms_given, row.lms_maximum), row.status});
    std::string summary = fmt::format(
        "{} students: {} equal, {} different, {} only in file, {} only in LMS", rows.size(),
        counts["equal"], counts["different"], counts["only_in_file"], counts["only_in_lms"]);
    print(globals,
          report::render_table({"student", "file", "lms", "status"}, table, output_style(globals)) +
              summary);
    return status;
}

} // namespace

void add_diff_command(CLI::App& app, GlobalOptions& globals, Action& action) {
    auto options = std::make_shared<DiffOptions>();
    auto* diff = app.add_subcommand("diff", "Kept scores beside the LMS's current results");
    add_input_options(*diff, options->input);
    add_line_item_options(*diff, options->line_item, false);
    diff->add_flag("--show-equal", options->show_equal, "List equal scores too");
    diff->add_flag("--exit-code", options->exit_code,
                   "Exit 1 when any student's LMS grade differs from the kept score");
    diff->footer(
        "Example:\n  gradepost diff week3.csv --label \"Week 3 quiz\" --keep latest\n"
        "  gradepost diff week3.csv --label \"Week 3 quiz\" --exit-code -q   # CI drift check\n"
        "Shows what `post --select all` would overwrite: rows marked different.");
    diff->callback([&, options] { action = [&, options] { return run_diff(globals, *options); }; });
}

} // namespace gradepost::cli
